package io.promdr.cli.command;

import io.promdr.backup.BackupResult;
import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.cli.config.Settings;
import io.promdr.cli.jobs.JobContext;
import io.promdr.cli.k8s.KubernetesSourceBackup;
import io.promdr.cli.metrics.MetricsPush;
import io.promdr.core.error.PromdrException;
import io.promdr.core.metrics.BackupMetrics;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The part of {@code promdr backup} for a source with {@code kubernetes:} (see {@link KubernetesSourceBackup}):
 * metrics and retention.afterBackup as for a local backup.
 */
final class KubernetesBackupCommandRun {
    private final BackupCommand command;
    private final Settings settings;
    private final KubernetesSourceSettings source;

    KubernetesBackupCommandRun(BackupCommand command, Settings settings, KubernetesSourceSettings source) {
        this.command = command;
        this.settings = settings;
        this.source = source;
    }

    void run() throws IOException {
        MetricsPush metrics = new MetricsPush(settings.metrics(), command.err());
        Instant start = Instant.now();
        KubernetesSourceBackup.Outcome outcome;
        try (JobContext jobs = JobContext.start(settings)) {
            outcome = KubernetesSourceBackup.run(settings, source, null, jobs.backupService(), command.err());
        } catch (PromdrException e) {
            metrics.publish(true, p -> p.backupFinished(BackupMetrics.failed(settings.source(), Instant.now(),
                    Duration.between(start, Instant.now()))));
            throw e;
        }
        outcome.lines().forEach(command::say);
        for (BackupResult result : outcome.backups()) {
            metrics.publish(false, p -> p.backupFinished(result.metrics()));
        }
        boolean backedUpTheSourceItself = outcome.backups().stream()
                .anyMatch(r -> r.manifest().source().name().equals(settings.source()));
        if (settings.retention().afterBackup() && backedUpTheSourceItself) {
            command.pruneAfterBackup(settings, settings.source());
        }
    }
}
