package io.promdr.cli.doctor;

/**
 * What one check found: its status, a one-line detail naming what was checked, and a hint of
 * what to do (null when the check passed).
 */
public record CheckOutcome(CheckStatus status, String detail, String hint) {

    public static CheckOutcome ok(String detail) {
        return new CheckOutcome(CheckStatus.ok, detail, null);
    }

    public static CheckOutcome warning(String detail, String hint) {
        return new CheckOutcome(CheckStatus.warning, detail, hint);
    }

    public static CheckOutcome failed(String detail, String hint) {
        return new CheckOutcome(CheckStatus.failed, detail, hint);
    }

    public static CheckOutcome skipped(String why) {
        return new CheckOutcome(CheckStatus.skipped, why, null);
    }
}
