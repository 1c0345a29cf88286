package io.promdr.core.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * One finished backup run, as published.
 *
 * @param source          the source backed up
 * @param finishedAt      when the run ended (committed, or failed)
 * @param success         true when the manifest was committed
 * @param duration        how long the run took
 * @param uploadedBytes   bytes of block objects uploaded by this run (0 on failure)
 * @param storedBytes     bytes of the block objects the committed backup references (0 on failure)
 * @param blocks          blocks in the committed backup (0 on failure)
 * @param uploadedBlocks  blocks this run uploaded (the others were already stored)
 * @param samples         samples in the backup (from the blocks' meta.json)
 * @param newestSampleMs  exclusive end of the newest block (ms since the epoch), or null when none
 * @param snapshotsLeftBehind Prometheus snapshot directories under the data directory after the run (promdr
 *                        removes its own, so anything left is a failed removal or a leftover), or null when unknown
 */
public record BackupMetrics(String source, Instant finishedAt, boolean success, Duration duration, long uploadedBytes,
                            long storedBytes, int blocks, int uploadedBlocks, long samples, Long newestSampleMs,
                            Integer snapshotsLeftBehind) {

    /** A run that does not know how many snapshot directories are left (nothing is pushed for them). */
    public BackupMetrics(String source, Instant finishedAt, boolean success, Duration duration, long uploadedBytes,
                         long storedBytes, int blocks, int uploadedBlocks, long samples, Long newestSampleMs) {
        this(source, finishedAt, success, duration, uploadedBytes, storedBytes, blocks, uploadedBlocks, samples,
                newestSampleMs, null);
    }

    public static BackupMetrics failed(String source, Instant finishedAt, Duration duration) {
        return new BackupMetrics(source, finishedAt, false, duration, 0, 0, 0, 0, 0, null);
    }

    /** The same metrics with the count of Prometheus snapshot directories found after the run. */
    public BackupMetrics withSnapshotsLeftBehind(int count) {
        return new BackupMetrics(source, finishedAt, success, duration, uploadedBytes, storedBytes, blocks, uploadedBlocks,
                samples, newestSampleMs, count);
    }
}
