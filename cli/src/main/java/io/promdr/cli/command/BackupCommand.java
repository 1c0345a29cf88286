package io.promdr.cli.command;

import io.promdr.backup.BackupRequest;
import io.promdr.backup.BackupResult;
import io.promdr.backup.SnapshotLeftovers;
import io.promdr.backup.prune.PruneRequest;
import io.promdr.backup.prune.PruneResult;
import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.PrometheusConfig;
import io.promdr.cli.config.Settings;
import io.promdr.cli.jobs.JobContext;
import io.promdr.cli.logging.LogKeys;
import io.promdr.cli.metrics.MetricsPush;
import io.promdr.cli.output.HumanFormat;
import io.promdr.cli.progress.Progress;
import io.promdr.core.error.PromdrException;
import io.promdr.core.metrics.BackupMetrics;
import io.promdr.core.model.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code promdr backup}: snapshot Prometheus and store the new blocks and a manifest in the repository. */
@Command(name = "backup", sortOptions = false,
        description = {"Back up a Prometheus server into the repository.",
                "Takes a TSDB snapshot through the admin API, uploads the blocks the repository does not hold yet,",
                "then commits a manifest (the backup exists only once its manifest is written)."})
final class BackupCommand extends PromdrSubcommand {

    @Option(names = "--prometheus", paramLabel = "URL",
            description = "Prometheus base URL, started with --web.enable-admin-api (overrides prometheus.url).")
    String prometheusUrl;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Prometheus' --storage.tsdb.path as seen from here (overrides prometheus.dataDir).")
    String dataDir;

    @Option(names = "--source", paramLabel = "NAME",
            description = "The source to back up: an entry of sources: in the config, or the name of this Prometheus "
                    + "in the repository (default: source, else the only entry of sources:, else \"default\").")
    String source;

    @Override
    void run() throws java.io.IOException {
        Settings settings = root.settings(new PromdrConfig(null,
                prometheusUrl == null && dataDir == null ? null : new PrometheusConfig(prometheusUrl, dataDir),
                source, null, null, null, null, null));
        settings.requireRepositoryUri();
        Optional<KubernetesSourceSettings> kubernetes = KubernetesSourceSettings.of(settings);
        if (kubernetes.isPresent()) {
            new KubernetesBackupCommandRun(this, settings, kubernetes.get()).run();
            return;
        }
        BackupRequest request = new BackupRequest(settings.requireSource(), settings.requirePrometheusUrl(),
                settings.requireDataDir(), settings.zstdLevel(), settings.prometheusSecurity());
        LogKeys.put(LogKeys.SOURCE, request.source());
        MetricsPush metrics = new MetricsPush(settings.metrics(), err());
        Instant start = Instant.now();
        BackupResult result;
        try (Progress.ProgressListenerHandle progress = progress("backup");
             JobContext jobs = JobContext.start(settings, progress.listener())) {
            result = jobs.backupService().backup(request);
        } catch (PromdrException e) {
            metrics.publish(true, p -> p.backupFinished(BackupMetrics.failed(request.source(), Instant.now(),
                    Duration.between(start, Instant.now())).withSnapshotsLeftBehind(SnapshotLeftovers.count(request.dataDir()))));
            throw e;
        }
        Manifest m = result.manifest();
        say("backup " + m.backupId() + " of source " + m.source().name() + " committed: " + m.blocks().size()
                + " blocks, " + result.blocksUploaded() + " uploaded (" + HumanFormat.bytes(result.bytesUploaded()) + "), "
                + result.blocksReused() + " already stored"
                + (m.composedBlocks().isEmpty() ? "" : " (" + m.composedBlocks().size()
                        + " compacted from stored blocks, recorded as references to them)")
                + "; " + HumanFormat.count(m.totalSamples()) + " samples, "
                + humanFormat().range(m.minTime(), m.maxTime()) + "; took " + HumanFormat.duration(result.duration()));
        metrics.publish(false, p -> p.backupFinished(result.metrics()
                .withSnapshotsLeftBehind(SnapshotLeftovers.count(request.dataDir()))));
        if (settings.retention().afterBackup()) {
            pruneAfterBackup(settings, m.source().name());
        }
    }

    /** retention.afterBackup: the committed backup stands whatever the prune does; a failed prune still fails the command. */
    void pruneAfterBackup(Settings settings, String source) throws java.io.IOException {
        PruneResult pruned = PruneExecution.run(settings, new PruneRequest(source, settings.retention().rules(), false, false), err());
        say("retention (afterBackup): removed " + pruned.manifestsDeleted() + " of "
                + (pruned.backupsKept() + pruned.backupsRemoved()) + " backups of source " + source + ", swept "
                + pruned.objectsDeleted() + " objects (" + HumanFormat.bytes(pruned.bytesDeleted()) + ")"
                + (pruned.sweepSkipped() == null ? "" : "; sweep skipped: " + pruned.sweepSkipped()));
    }
}
