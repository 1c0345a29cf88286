package io.promdr.core.metrics;

/** Publishes nothing: metrics are not configured. */
enum NoMetrics implements JobMetricsPublisher {
    INSTANCE;

    @Override
    public void backupFinished(BackupMetrics metrics) {
        // not configured
    }

    @Override
    public void pruneFinished(PruneMetrics metrics) {
        // not configured
    }

    @Override
    public void drillFinished(DrillMetrics metrics) {
        // not configured
    }

    @Override
    public String destination() {
        return "nowhere (metrics not configured)";
    }
}
