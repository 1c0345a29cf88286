package io.promdr.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One finished restore drill, as published.
 *
 * @param source          the source of the drilled backup
 * @param finishedAt      when the drill ended
 * @param success         true when every check passed
 * @param duration        the whole drill, query check included
 * @param rto             measured recovery time (download + extract + verify), or null when the drill stopped before
 * @param rpo             drill start minus the newest sample of the backup, or null when unknown
 * @param backupAge       drill start minus the backup's completion, or null when unknown
 * @param downloadedBytes bytes of block objects downloaded
 * @param restoredBytes   bytes of block files written to the scratch directory
 * @param blocks          blocks in the drilled backup
 * @param checks          check name (integrity, tsdb, query) to passed; checks that did not run are absent
 */
public record DrillMetrics(String source, Instant finishedAt, boolean success, Duration duration, Duration rto,
                           Duration rpo, Duration backupAge, long downloadedBytes, long restoredBytes, int blocks,
                           Map<String, Boolean> checks) {

    public DrillMetrics {
        checks = new TreeMap<>(checks);
    }

    /** A drill that could not run at all (backup not found, repository unreachable, ...). */
    public static DrillMetrics failed(String source, Instant finishedAt, Duration duration) {
        return new DrillMetrics(source, finishedAt, false, duration, null, null, null, 0, 0, 0, Map.of());
    }
}
