package io.promdr.core.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The one place that names promdr's metrics (docs/metrics.md). All are gauges describing the
 * last run of one kind for one source; units are in the names (seconds, bytes), timestamps are
 * Unix seconds. Values a failed run does not know (bytes, blocks) are left out rather than set
 * to 0, so that the Pushgateway keeps those of the last successful run.
 */
final class MetricFamilies {
    private final MetricSnapshots.Builder snapshots = MetricSnapshots.builder();

    private MetricFamilies() {
    }

    static MetricSnapshots backup(BackupMetrics m) {
        MetricFamilies f = new MetricFamilies();
        f.run("backup", m.success(), m.finishedAt(), m.duration());
        if (m.snapshotsLeftBehind() != null) {
            // Pushed after failed runs too: a failed backup is when a snapshot is most likely left.
            f.gauge("promdr_backup_snapshots_left_behind",
                    "Prometheus snapshot directories left under the data directory after the last backup.",
                    m.snapshotsLeftBehind());
        }
        if (m.success()) {
            f.gauge("promdr_backup_uploaded_bytes", "Bytes of block objects the last successful backup uploaded.", m.uploadedBytes());
            f.gauge("promdr_backup_stored_bytes", "Bytes of the block objects the last successful backup references.", m.storedBytes());
            f.gauge("promdr_backup_blocks", "TSDB blocks in the last successful backup.", m.blocks());
            f.gauge("promdr_backup_uploaded_blocks", "Blocks the last successful backup uploaded (the others were already stored).",
                    m.uploadedBlocks());
            f.gauge("promdr_backup_samples", "Samples in the last successful backup, from the blocks' meta.json.", m.samples());
            if (m.newestSampleMs() != null) {
                f.gauge("promdr_backup_newest_sample_timestamp_seconds",
                        "End of the newest data in the last successful backup, Unix time; time() minus this is the RPO now.",
                        m.newestSampleMs() / 1000.0);
                f.gauge("promdr_backup_rpo_seconds",
                        "Age of the newest sample of the last successful backup when it completed.",
                        Math.max(0, seconds(m.finishedAt()) - m.newestSampleMs() / 1000.0));
            }
        }
        return f.snapshots.build();
    }

    static MetricSnapshots prune(PruneMetrics m) {
        MetricFamilies f = new MetricFamilies();
        f.run("prune", m.success(), m.finishedAt(), m.duration());
        if (m.success()) {
            f.gauge("promdr_prune_deleted_backups", "Backups (manifests) the last successful prune deleted.", m.backupsDeleted());
            f.gauge("promdr_prune_kept_backups", "Backups the last successful prune kept.", m.backupsKept());
            f.gauge("promdr_prune_deleted_objects", "Block objects the last successful prune deleted.", m.objectsDeleted());
            f.gauge("promdr_prune_deleted_bytes", "Bytes of block objects the last successful prune deleted.", m.bytesDeleted());
        }
        return f.snapshots.build();
    }

    static MetricSnapshots drill(DrillMetrics m) {
        MetricFamilies f = new MetricFamilies();
        f.run("drill", m.success(), m.finishedAt(), m.duration());
        if (m.rto() != null) {
            f.gauge("promdr_drill_rto_seconds",
                    "Measured recovery time of the last drill: download, extraction and verification.", seconds(m.rto()));
            f.gauge("promdr_drill_downloaded_bytes", "Bytes of block objects the last drill downloaded.", m.downloadedBytes());
            f.gauge("promdr_drill_restored_bytes", "Bytes of block files the last drill restored.", m.restoredBytes());
            f.gauge("promdr_drill_blocks", "TSDB blocks in the backup the last drill restored.", m.blocks());
        }
        if (m.rpo() != null) {
            f.gauge("promdr_drill_rpo_seconds", "Age of the newest sample of the drilled backup when the last drill ran.",
                    seconds(m.rpo()));
        }
        if (m.backupAge() != null) {
            f.gauge("promdr_drill_backup_age_seconds", "Age of the drilled backup when the last drill ran.", seconds(m.backupAge()));
        }
        if (!m.checks().isEmpty()) {
            GaugeSnapshot.Builder checks = GaugeSnapshot.builder().name("promdr_drill_check_success")
                    .help("1 if the check passed in the last drill, 0 if it failed; check is integrity, tsdb or query.");
            for (Map.Entry<String, Boolean> check : m.checks().entrySet()) {
                checks.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("check", check.getKey()))
                        .value(check.getValue() ? 1 : 0).build());
            }
            f.snapshots.metricSnapshot(checks.build());
        }
        return f.snapshots.build();
    }

    /** What every kind of run publishes: its result, when it ended, how long it took, and the last success. */
    private void run(String kind, boolean success, Instant finishedAt, Duration duration) {
        gauge("promdr_" + kind + "_success", "1 if the last " + kind + " succeeded, 0 if it failed.", success ? 1 : 0);
        gauge("promdr_" + kind + "_last_run_timestamp_seconds", "When the last " + kind + " ended, successful or not, Unix time.",
                seconds(finishedAt));
        gauge("promdr_" + kind + "_duration_seconds", "How long the last " + kind + " took.", seconds(duration));
        if (success) {
            gauge("promdr_" + kind + "_last_success_timestamp_seconds", "When the last successful " + kind + " ended, Unix time.",
                    seconds(finishedAt));
        }
    }

    private void gauge(String name, String help, double value) {
        snapshots.metricSnapshot(GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build());
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
