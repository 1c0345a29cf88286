package io.promdr.core.metrics;

/**
 * Where promdr reports how its jobs went, so that alerts can fire when a backup, a prune or a
 * restore drill fails or gets old (metric names and labels: docs/metrics.md).
 *
 * <p>Each call publishes the metrics of one finished run of one source and replaces the values
 * of the previous run of the same kind; the values of other kinds of runs are kept (a drill
 * does not erase the backup's metrics). A failed run publishes its failure: the
 * {@code *_last_success_timestamp_seconds} of the last successful run stays as it was.
 *
 * <p>Implementations throw {@link io.promdr.core.error.PromdrException} (codes
 * PUSHGATEWAY_UNREACHABLE and PUSHGATEWAY_REJECTED) when the metrics could not be delivered;
 * callers decide whether that fails the command (by default it is a warning).
 */
public interface JobMetricsPublisher {

    void backupFinished(BackupMetrics metrics);

    void pruneFinished(PruneMetrics metrics);

    void drillFinished(DrillMetrics metrics);

    /** Where the metrics go, for messages (never with credentials). */
    String destination();

    /** The publisher of an unconfigured promdr: publishes nothing. */
    static JobMetricsPublisher none() {
        return NoMetrics.INSTANCE;
    }

    /** The publisher for {@code settings}, or {@link #none()} when metrics are not configured (null). */
    static JobMetricsPublisher of(PushgatewaySettings settings) {
        return settings == null ? none() : new PushgatewayPublisher(settings);
    }
}
