package io.promdr.cli.schedule;

import io.promdr.backup.prune.PruneRequest;
import io.promdr.backup.prune.PruneResult;
import io.promdr.cli.config.Settings;
import io.promdr.cli.output.HumanFormat;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.metrics.PruneMetrics;
import io.promdr.schedules.RunResult;
import io.promdr.schedules.ScheduleSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * {@code job: prune}: {@code promdr prune --source <source>} with the {@code retention:} rules
 * (docs/retention.md). Parameter {@code allowEmptyPolicy} ({@code true}/{@code false}, default
 * false) as the option of the same name. Default cron: every night at 03:30, after the backup.
 */
final class PruneJobKind implements ScheduledJobKind {
    static final String ALLOW_EMPTY_POLICY = "allowEmptyPolicy";

    @Override
    public String name() {
        return "prune";
    }

    @Override
    public String defaultCron() {
        return "30 3 * * *";
    }

    @Override
    public Set<String> parameterNames() {
        return Set.of(ALLOW_EMPTY_POLICY);
    }

    @Override
    public RunResult run(ScheduleSpec schedule, JobRuntime runtime) {
        Settings settings = runtime.settings(schedule.source());
        PruneRequest request = new PruneRequest(schedule.source(), settings.retention().rules(), false, allowEmpty(schedule));
        Instant start = Instant.now();
        PruneResult result;
        try {
            result = runtime.jobs().pruneService().prune(request);
        } catch (PromdrException | IOException e) {
            runtime.publish(settings, p -> p.pruneFinished(PruneMetrics.failed(request.source(), Instant.now(),
                    Duration.between(start, Instant.now()))));
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (PromdrException) e;
        }
        runtime.publish(settings, p -> p.pruneFinished(new PruneMetrics(request.source(), Instant.now(), true, result.duration(),
                result.manifestsDeleted(), result.backupsKept(), result.objectsDeleted(), result.bytesDeleted())));
        return new RunResult(null, result.bytesDeleted(), "prune of " + schedule.source() + ": " + result.manifestsDeleted()
                + " backups removed, " + result.backupsKept() + " kept; " + result.objectsDeleted() + " objects deleted ("
                + HumanFormat.bytes(result.bytesDeleted()) + ")"
                + (result.sweepSkipped() == null ? "" : "; sweep skipped: " + result.sweepSkipped()));
    }

    private static boolean allowEmpty(ScheduleSpec schedule) {
        String text = schedule.parameter(ALLOW_EMPTY_POLICY, "false").trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new PromdrException(ErrorCode.SCHEDULE_INVALID, "schedules." + schedule.name() + ".parameters."
                    + ALLOW_EMPTY_POLICY + ": \"" + text + "\" is not true or false", "use true or false");
        };
    }
}
