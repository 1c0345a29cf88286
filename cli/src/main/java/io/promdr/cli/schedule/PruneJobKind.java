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
import java.util.Set;

/**
 * {@code job: prune}: {@code promdr prune --source <source>} with the configured {@code retention:}
 * policy. No parameters: the policy lives in {@code retention:} so that the command line, the
 * scheduler and {@code retention.afterBackup} apply the same one. Default cron: every night at
 * 03:30, after the night's backup.
 */
final class PruneJobKind implements ScheduledJobKind {

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
        return Set.of();
    }

    @Override
    public RunResult run(ScheduleSpec schedule, JobRuntime runtime) {
        PruneResult result = prune(schedule.source(), runtime);
        return new RunResult(null, result.bytesDeleted(), summary(schedule.source(), result));
    }

    /** Prunes one source with the configured policy and pushes the prune metrics; also used after a scheduled backup. */
    static PruneResult prune(String source, JobRuntime runtime) {
        Settings settings = runtime.settings(source);
        PruneRequest request = new PruneRequest(source, settings.retention().rules(), false, false);
        Instant start = Instant.now();
        PruneResult result;
        try {
            result = runtime.jobs().pruneService().prune(request);
        } catch (PromdrException e) {
            runtime.publish(settings, p -> p.pruneFinished(PruneMetrics.failed(source, Instant.now(),
                    Duration.between(start, Instant.now()))));
            throw e;
        } catch (IOException e) {
            runtime.publish(settings, p -> p.pruneFinished(PruneMetrics.failed(source, Instant.now(),
                    Duration.between(start, Instant.now()))));
            throw new PromdrException(ErrorCode.REPOSITORY_UNREACHABLE, "prune of source " + source + " failed: " + e.getMessage(),
                    "check the repository, then run `promdr prune --source " + source + "`: it completes an interrupted prune", e);
        }
        runtime.publish(settings, p -> p.pruneFinished(new PruneMetrics(source, Instant.now(), true, result.duration(),
                result.manifestsDeleted(), result.backupsKept(), result.objectsDeleted(), result.bytesDeleted())));
        return result;
    }

    static String summary(String source, PruneResult result) {
        return "prune of source " + source + ": removed " + result.manifestsDeleted() + " of "
                + (result.backupsKept() + result.backupsRemoved()) + " backups, swept " + result.objectsDeleted()
                + " objects (" + HumanFormat.bytes(result.bytesDeleted()) + ")"
                + (result.sweepSkipped() == null ? "" : "; sweep skipped: " + result.sweepSkipped());
    }
}
