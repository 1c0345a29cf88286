package io.promdr.core.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * One finished prune run, as published.
 *
 * @param source          the source whose backups retention applied to, or null for a repository-wide run
 * @param finishedAt      when the run ended
 * @param success         true when the run completed
 * @param duration        how long it took
 * @param backupsDeleted  manifests deleted by retention
 * @param backupsKept     manifests kept
 * @param objectsDeleted  block objects the sweep deleted
 * @param bytesDeleted    bytes of those objects
 */
public record PruneMetrics(String source, Instant finishedAt, boolean success, Duration duration, int backupsDeleted,
                           int backupsKept, int objectsDeleted, long bytesDeleted) {

    public static PruneMetrics failed(String source, Instant finishedAt, Duration duration) {
        return new PruneMetrics(source, finishedAt, false, duration, 0, 0, 0, 0);
    }
}
