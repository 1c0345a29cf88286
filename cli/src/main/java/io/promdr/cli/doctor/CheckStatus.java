package io.promdr.cli.doctor;

/**
 * How one doctor check ended. Only {@link #failed} makes {@code promdr doctor} exit non-zero:
 * it is reserved for what would make a backup fail.
 */
public enum CheckStatus {
    /** The check passed. */
    ok,
    /** Not fatal for a backup, but worth fixing (e.g. little free space, clock a minute off). */
    warning,
    /** A backup would fail because of this. */
    failed,
    /** Not run because a check it depends on did not pass (e.g. no admin API check without Prometheus). */
    skipped
}
