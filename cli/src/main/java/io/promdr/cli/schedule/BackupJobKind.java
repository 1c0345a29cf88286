package io.promdr.cli.schedule;

import io.promdr.backup.BackupRequest;
import io.promdr.backup.BackupResult;
import io.promdr.backup.SnapshotLeftovers;
import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.cli.config.Settings;
import io.promdr.cli.k8s.KubernetesSourceBackup;
import io.promdr.cli.output.HumanFormat;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.metrics.BackupMetrics;
import io.promdr.core.model.Manifest;
import io.promdr.schedules.RunResult;
import io.promdr.schedules.ScheduleSpec;

import java.time.Duration;
import java.time.Instant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
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
    public void checkReady(Settings settings) {
        if (KubernetesSourceSettings.of(settings).isPresent()) {
            return;
        }
        settings.requirePrometheusUrl();
        settings.requireDataDir();
    }

    @Override
    public RunResult run(ScheduleSpec schedule, JobRuntime runtime) {
        Settings settings = runtime.settings(schedule.source());
        Optional<KubernetesSourceSettings> kubernetes = KubernetesSourceSettings.of(settings);
        if (kubernetes.isPresent()) {
            return runKubernetes(schedule, runtime, settings, kubernetes.get());
        }
        BackupRequest request = new BackupRequest(schedule.source(), settings.requirePrometheusUrl(), settings.requireDataDir(),
                level(schedule, settings), settings.prometheusSecurity());
        Instant start = Instant.now();
        BackupResult result;
        try {
            result = runtime.jobs().backupService().backup(request);
        } catch (PromdrException e) {
            runtime.publish(settings, p -> p.backupFinished(BackupMetrics.failed(request.source(), Instant.now(),
                    Duration.between(start, Instant.now())).withSnapshotsLeftBehind(SnapshotLeftovers.count(request.dataDir()))));
            throw e;
        }
        Manifest m = result.manifest();
        runtime.publish(settings, p -> p.backupFinished(result.metrics()
                .withSnapshotsLeftBehind(SnapshotLeftovers.count(request.dataDir()))));
        String summary = "backup " + m.backupId() + " committed: " + m.blocks().size()
                + " blocks, " + result.blocksUploaded() + " uploaded (" + HumanFormat.bytes(result.bytesUploaded()) + "), "
                + result.blocksReused() + " already stored";
        if (settings.retention().afterBackup()) {
            // As `promdr backup` does: the committed backup stands whatever the prune does; a failed prune fails the run.
            summary += "; " + PruneJobKind.summary(m.source().name(), PruneJobKind.prune(m.source().name(), false, runtime));
        }
        return new RunResult(m.backupId(), result.bytesUploaded(), summary);
    }

    /** A Kubernetes source: exec backups (metrics pushed, pruned afterwards as configured) or VolumeSnapshots. */
    private static RunResult runKubernetes(ScheduleSpec schedule, JobRuntime runtime, Settings settings,
                                           KubernetesSourceSettings source) {
        StringWriter warnings = new StringWriter();
        Instant start = Instant.now();
        KubernetesSourceBackup.Outcome outcome;
        try {
            outcome = KubernetesSourceBackup.run(settings, source, schedule.name(), runtime.jobs().backupService(),
                    new PrintWriter(warnings, true));
        } catch (PromdrException e) {
            runtime.publish(settings, p -> p.backupFinished(BackupMetrics.failed(schedule.source(), Instant.now(),
                    Duration.between(start, Instant.now()))));
            throw e;
        } finally {
            warnings.toString().lines().forEach(runtime::warn);
        }
        long uploaded = 0;
        String backupId = null;
        for (BackupResult result : outcome.backups()) {
            Manifest m = result.manifest();
            uploaded += result.bytesUploaded();
            backupId = m.backupId();
            runtime.publish(settings, p -> p.backupFinished(result.metrics()));
        }
        String summary = String.join("; ", outcome.lines());
        boolean backedUpTheSourceItself = outcome.backups().stream()
                .anyMatch(r -> r.manifest().source().name().equals(schedule.source()));
        if (settings.retention().afterBackup() && backedUpTheSourceItself) {
            summary += "; " + PruneJobKind.summary(schedule.source(), PruneJobKind.prune(schedule.source(), false, runtime));
        }
        return new RunResult(backupId, uploaded, summary);
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
