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
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * {@code job: prune}: {@code promdr prune --source <source>} with the {@code retention:} rules
 * (docs/retention.md). Parameter {@code allowEmptyPolicy} ({@code true}/{@code false}, default
 * false) as the option of the same name. Default cron: every night at 03:30, after the backup.
 * A scheduled backup with {@code retention.afterBackup} prunes through {@link #prune} too.
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
        PruneResult result = prune(schedule.source(), allowEmpty(schedule), runtime);
        return new RunResult(null, result.bytesDeleted(), summary(schedule.source(), result));
    }

    /** Prunes one source with its configured rules and pushes the prune metrics. */
    static PruneResult prune(String source, boolean allowEmptyPolicy, JobRuntime runtime) {
        Settings settings = runtime.settings(source);
        PruneRequest request = new PruneRequest(source, settings.retention().rules(), false, allowEmptyPolicy);
        Instant start = Instant.now();
        try {
            PruneResult result = runtime.jobs().pruneService().prune(request);
            runtime.publish(settings, p -> p.pruneFinished(result.metrics(source)));
            return result;
        } catch (PromdrException | IOException e) {
            runtime.publish(settings, p -> p.pruneFinished(PruneMetrics.failed(source, Instant.now(),
                    Duration.between(start, Instant.now()))));
            if (e instanceof IOException io) {
                throw new PromdrException(ErrorCode.REPOSITORY_UNREACHABLE, "prune of source " + source + " failed: "
                        + io.getMessage(), "check the repository, then prune again: a prune completes an interrupted one", io);
            }
            throw (PromdrException) e;
        }
    }

    static String summary(String source, PruneResult result) {
        return "prune of source " + source + ": removed " + result.manifestsDeleted() + " of "
                + (result.backupsKept() + result.backupsRemoved()) + " backups, swept " + result.objectsDeleted()
                + " objects (" + HumanFormat.bytes(result.bytesDeleted()) + ")"
                + (result.sweepSkipped() == null ? "" : "; sweep skipped: " + result.sweepSkipped());
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
