package io.promdr.cli.output;

import io.promdr.core.metrics.DrillMetrics;
import io.promdr.restore.drill.BlockFailure;
import io.promdr.restore.drill.BlockReport;
import io.promdr.restore.drill.CheckResult;
import io.promdr.restore.drill.CheckStatus;
import io.promdr.restore.drill.DrillReport;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** {@code promdr drill}: the verdict, RPO and RTO, one row per check, one row per block, then what failed. */
public final class DrillReportView {
    private final HumanFormat format;

    public DrillReportView(HumanFormat format) {
        this.format = format;
    }

    public void print(DrillReport r, PrintWriter out) {
        out.println("drill of backup " + r.backupId() + " (source " + r.source() + "): " + (r.passed() ? "PASSED" : "FAILED"));
        out.println("  RPO       " + (r.rpoSeconds() == null ? "- (the backup holds no blocks)"
                : duration(r.rpoSeconds()) + " (newest sample " + format.time(r.newestSampleAt()) + ")")
                + "; backup age " + duration(r.backupAgeSeconds()));
        out.println("  RTO       " + duration(r.rtoSeconds()) + " (download and extraction " + duration(r.restoreSeconds())
                + ", TSDB verification " + duration(r.verifySeconds()) + "); query check " + duration(r.querySeconds())
                + "; drill " + duration(r.totalSeconds()));
        out.println("  restored  " + r.blocks() + " blocks, " + HumanFormat.bytes(r.downloadedBytes()) + " downloaded"
                + (r.throughputBytesPerSecond() == null ? "" : " (" + HumanFormat.bytes(r.throughputBytesPerSecond()) + "/s)")
                + ", " + HumanFormat.bytes(r.restoredBytes()) + " of files; " + HumanFormat.count(r.samples()) + " samples, "
                + HumanFormat.count(r.series()) + " series summed over the blocks");
        out.println();
        TextTable checks = new TextTable("CHECK", "RESULT", "BLOCKS", "TIME", "SUMMARY");
        for (CheckResult c : r.checks()) {
            checks.row(c.name(), c.status().label(), c.blocksPassed() + "/" + r.blocks(), duration(c.seconds()), c.summary());
        }
        checks.print(out);
        if (!r.blockReports().isEmpty()) {
            out.println();
            TextTable blocks = new TextTable("BLOCK", "FROM .. TO", "SERIES", "SAMPLES", "SIZE", "INTEGRITY", "TSDB", "QUERY");
            for (BlockReport b : r.blockReports()) {
                blocks.row(b.ulid(), format.range(b.minTime(), b.maxTime()), HumanFormat.count(b.series()),
                        HumanFormat.count(b.samples()), HumanFormat.bytes(b.filesBytes()), b.integrity().label(),
                        b.tsdb().label(), b.query().label());
            }
            blocks.print(out);
        }
        if (!r.failures().isEmpty()) {
            out.println();
            TextTable failures = new TextTable("CHECK", "BLOCK", "PROBLEM", "FILE", "DETAIL");
            for (BlockFailure f : r.failures()) {
                failures.row(f.check(), f.block() == null ? "-" : f.block(), f.problem(), f.file() == null ? "-" : f.file(),
                        f.detail());
            }
            failures.print(out);
        }
        if (r.prometheusLog() != null && !r.prometheusLog().isBlank()) {
            out.println();
            out.println("last lines of the query check's Prometheus log:");
            r.prometheusLog().lines().forEach(line -> out.println("  " + line));
        }
    }

    /** What a drill publishes (docs/metrics.md). */
    public static DrillMetrics metrics(DrillReport r) {
        Map<String, Boolean> checks = new TreeMap<>();
        for (CheckResult c : r.checks()) {
            checks.put(c.name(), c.status() == CheckStatus.PASSED);
        }
        return new DrillMetrics(r.source(), r.finishedAt(), r.passed(), seconds(r.totalSeconds()), seconds(r.rtoSeconds()),
                r.rpoSeconds() == null ? null : seconds(r.rpoSeconds()), seconds(r.backupAgeSeconds()), r.downloadedBytes(),
                r.restoredBytes(), r.blocks(), checks);
    }

    private static String duration(double seconds) {
        return HumanFormat.duration(seconds(seconds));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
