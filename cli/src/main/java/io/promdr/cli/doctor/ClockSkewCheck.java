package io.promdr.cli.doctor;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code repository.clock}: this host's clock against the object store's, from the modification
 * time the store gave the probe object (S3: the server's clock; a file repository: the file
 * server's). Backup ids, retention and the sweep's grace period are times: a clock far off
 * keeps or deletes the wrong backups, and S3 refuses requests signed more than 15 minutes off.
 */
final class ClockSkewCheck implements DoctorCheck {
    static final String NAME = "repository.clock";
    /** S3 stores modification times to the second; differences below this are noise. */
    static final Duration RESOLUTION = Duration.ofSeconds(1);
    static final Duration WARN_ABOVE = Duration.ofSeconds(30);
    /** S3's limit for a signed request (RequestTimeTooSkewed). */
    static final Duration FAIL_ABOVE = Duration.ofMinutes(15);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        DoctorContext.ProbeTiming timing = context.probeTiming();
        if (!context.passed(RepositoryWritableCheck.NAME) || timing == null) {
            return CheckOutcome.skipped("needs the write probe, which did not pass");
        }
        Duration skew = skew(timing);
        String detail = "the object store's clock is " + describe(skew) + (skew.isZero() ? ""
                : " (probe object stored at " + timing.stored().truncatedTo(ChronoUnit.SECONDS) + ")");
        String hint = "synchronise this host's clock (NTP, e.g. systemd-timesyncd or chrony)";
        if (skew.abs().compareTo(FAIL_ABOVE) > 0) {
            return CheckOutcome.failed(detail, hint + "; S3 refuses requests more than 15 minutes off");
        }
        if (skew.abs().compareTo(WARN_ABOVE) > 0) {
            return CheckOutcome.warning(detail, hint);
        }
        return CheckOutcome.ok(detail);
    }

    /**
     * How far the store's time is ahead of ours (negative: behind): zero when its time falls
     * within the request's round trip, widened by the store's one-second resolution.
     */
    static Duration skew(DoctorContext.ProbeTiming timing) {
        Instant earliest = timing.sent().minus(RESOLUTION);
        Instant latest = timing.answered().plus(RESOLUTION);
        if (timing.stored().isBefore(earliest)) {
            return Duration.between(earliest, timing.stored());
        }
        if (timing.stored().isAfter(latest)) {
            return Duration.between(latest, timing.stored());
        }
        return Duration.ZERO;
    }

    private static String describe(Duration skew) {
        if (skew.isZero()) {
            return "in step with this host's (within a second)";
        }
        return (skew.isNegative() ? "behind" : "ahead of") + " this host's by about " + skew.abs().toSeconds() + " s";
    }
}
