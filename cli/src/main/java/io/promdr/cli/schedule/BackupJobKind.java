package io.promdr.cli.schedule;

import io.promdr.backup.BackupRequest;
import io.promdr.backup.BackupResult;
import io.promdr.cli.config.Settings;
import io.promdr.cli.output.HumanFormat;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.metrics.BackupMetrics;
import io.promdr.core.model.Manifest;
import io.promdr.schedules.RunResult;
import io.promdr.schedules.ScheduleSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code job: backup}: {@code promdr backup --source <source>}. Parameter {@code compressionLevel}
 * (zstd 1-22) overrides {@code compression.level}. Default cron: every night at 02:00.
 */
final class BackupJobKind implements ScheduledJobKind {
    static final String COMPRESSION_LEVEL = "compressionLevel";

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String defaultCron() {
        return "0 2 * * *";
    }

    @Override
    public Set<String> parameterNames() {
        return Set.of(COMPRESSION_LEVEL);
    }

    @Override
    public RunResult run(ScheduleSpec schedule, JobRuntime runtime) {
        Settings settings = runtime.settings(schedule.source());
        BackupRequest request = new BackupRequest(schedule.source(), settings.requirePrometheusUrl(), settings.requireDataDir(),
                level(schedule, settings));
        Instant start = Instant.now();
        BackupResult result;
        try {
            result = runtime.jobs().backupService().backup(request);
        } catch (PromdrException e) {
            runtime.publish(settings, p -> p.backupFinished(BackupMetrics.failed(request.source(), Instant.now(),
                    Duration.between(start, Instant.now()))));
            throw e;
        }
        Manifest m = result.manifest();
        runtime.publish(settings, p -> p.backupFinished(new BackupMetrics(m.source().name(), m.completedAt(), true,
                result.duration(), result.bytesUploaded(), m.totalStoredSize(), m.blocks().size(), result.blocksUploaded(),
                m.totalSamples(), m.blocks().isEmpty() ? null : m.maxTime())));
        return new RunResult(m.backupId(), result.bytesUploaded(), "backup " + m.backupId() + " committed: " + m.blocks().size()
                + " blocks, " + result.blocksUploaded() + " uploaded (" + HumanFormat.bytes(result.bytesUploaded()) + "), "
                + result.blocksReused() + " already stored");
    }

    private static int level(ScheduleSpec schedule, Settings settings) {
        String text = schedule.parameter(COMPRESSION_LEVEL, null);
        if (text == null) {
            return settings.zstdLevel();
        }
        try {
            int level = Integer.parseInt(text.trim());
            if (level >= 1 && level <= 22) {
                return level;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new PromdrException(ErrorCode.SCHEDULE_INVALID, "schedules." + schedule.name() + ".parameters." + COMPRESSION_LEVEL
                + ": \"" + text + "\" is not a zstd level", "use a whole number from 1 to 22");
    }
}
