package io.promdr.cli.doctor;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * The result of {@code promdr doctor} (docs/schemas/doctor.schema.json).
 *
 * @param checkedAt when the checks started, RFC 3339 UTC
 * @param passed    no check failed (warnings allowed)
 */
@JsonPropertyOrder({"checkedAt", "passed", "ok", "warnings", "failed", "skipped", "checks"})
public record DoctorReport(Instant checkedAt, boolean passed, int ok, int warnings, int failed, int skipped,
                           List<CheckResult> checks) {

    public static DoctorReport of(Instant checkedAt, List<CheckResult> checks) {
        int failed = count(checks, CheckStatus.failed);
        return new DoctorReport(checkedAt, failed == 0, count(checks, CheckStatus.ok), count(checks, CheckStatus.warning),
                failed, count(checks, CheckStatus.skipped), List.copyOf(checks));
    }

    private static int count(List<CheckResult> checks, CheckStatus status) {
        return (int) checks.stream().filter(c -> c.status() == status).count();
    }
}
