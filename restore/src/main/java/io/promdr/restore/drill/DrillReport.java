package io.promdr.restore.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;

/**
 * What a restore drill found (docs/cli.md, "drill -o json"): the verdict, the recovery times, the
 * result of each check in the order they ran, and every block.
 *
 * @param result                    passed when every check passed, else failed
 * @param backupId                  the drilled backup
 * @param source                    its source
 * @param startedAt                 when the drill started
 * @param finishedAt                when the report was written
 * @param backupCompletedAt         when the backup was committed
 * @param newestSampleAt            end of the newest block (exclusive), or null for a backup without blocks
 * @param rpoSeconds                startedAt minus newestSampleAt: the data a restore of this backup would lose now; null without blocks
 * @param backupAgeSeconds          startedAt minus backupCompletedAt
 * @param rtoSeconds                measured recovery time: download, extraction and verification (checks 1 and 2)
 * @param restoreSeconds            download and extraction into the scratch directory, with check 1 on the way
 * @param verifySeconds             check 2
 * @param querySeconds              check 3, Prometheus start and stop included
 * @param totalSeconds              the whole drill
 * @param downloadedBytes           bytes of block objects downloaded
 * @param restoredBytes             bytes of block files written
 * @param throughputBytesPerSecond  downloadedBytes over restoreSeconds, or null when nothing was downloaded
 * @param blocks                    blocks in the backup
 * @param series                    series over all blocks (meta.json)
 * @param samples                   samples over all blocks (meta.json)
 * @param prometheusVersion         version of the Prometheus of the query check, or null when it did not start
 * @param checks                    integrity, tsdb, query, in that order
 * @param blockReports              every block, oldest first
 * @param prometheusLog             the end of the throwaway Prometheus' log when the query check failed, else null
 */
public record DrillReport(String result, String backupId, String source, Instant startedAt, Instant finishedAt,
                          Instant backupCompletedAt, Instant newestSampleAt, Double rpoSeconds, double backupAgeSeconds,
                          double rtoSeconds, double restoreSeconds, double verifySeconds, double querySeconds,
                          double totalSeconds, long downloadedBytes, long restoredBytes, Long throughputBytesPerSecond,
                          int blocks, long series, long samples, String prometheusVersion, List<CheckResult> checks,
                          List<BlockReport> blockReports, String prometheusLog) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";

    public DrillReport {
        checks = List.copyOf(checks);
        blockReports = List.copyOf(blockReports);
    }

    @JsonIgnore
    public boolean passed() {
        return PASSED.equals(result);
    }

    /** Every failure of every check, in check order. */
    @JsonIgnore
    public List<BlockFailure> failures() {
        return checks.stream().flatMap(c -> c.failures().stream()).toList();
    }
}
