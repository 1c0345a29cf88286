package io.promdr.restore.drill;

import io.promdr.core.model.BlockRecord;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query check of one {@link BlockGroup}: series and samples Prometheus serves over the group's
 * range against the manifest's stats. A lone block without tombstones must match exactly.
 * Overlapping blocks may share series and samples, and tombstones hide deleted samples from
 * queries: there, what Prometheus returns must lie between the largest block alone and the sum.
 */
final class GroupQuery {
    private final PrometheusQueries queries;
    private final int majorVersion;
    private final BlockGroup group;
    private final Map<String, BlockRecord> records;
    private final Map<String, Long> staleMarkers;

    GroupQuery(PrometheusQueries queries, int majorVersion, BlockGroup group, Map<String, BlockRecord> records,
               Map<String, Long> staleMarkers) {
        this.queries = queries;
        this.majorVersion = majorVersion;
        this.group = group;
        this.records = records;
        this.staleMarkers = staleMarkers;
    }

    /** Queries Prometheus and records the outcome of every block of the group in {@code updated} and {@code failures}. */
    void check(Map<String, BlockReport> updated, List<BlockFailure> failures) {
        long series;
        long samples;
        try {
            series = queries.seriesCount(group.minTime(), group.maxTime() - 1);
            SampleCountQuery.Window window = SampleCountQuery.window(group.minTime(), group.maxTime(), majorVersion);
            samples = 0;
            for (String query : SampleCountQuery.queries(queries.metricNames(group.minTime(), group.maxTime() - 1),
                    window.rangeMs())) {
                samples += Math.round(queries.instant(query, window.atMs()));
            }
        } catch (IOException e) {
            for (BlockReport row : group.blocks()) {
                updated.put(row.ulid(), row.withQuery(CheckStatus.FAILED, staleMarkers.get(row.ulid()), null, null));
                failures.add(new BlockFailure(DrillChecks.QUERY, row.ulid(), DrillChecks.QUERY_ERROR, null,
                        "querying " + range() + " failed: " + e.getMessage()));
            }
            return;
        }
        boolean exact = !group.overlapping() && tombstones() == 0;
        long expectedSeries = group.blocks().stream().mapToLong(BlockReport::series).sum();
        long expectedSamples = group.blocks().stream().mapToLong(this::visibleSamples).sum();
        long leastSeries = exact ? expectedSeries : group.blocks().stream().mapToLong(BlockReport::series).max().orElse(0);
        long leastSamples = exact ? expectedSamples : 0;
        boolean seriesOk = series >= leastSeries && series <= expectedSeries;
        boolean samplesOk = samples >= leastSamples && samples <= expectedSamples;
        String detail = String.format(Locale.ROOT, "Prometheus returned %d series and %d samples over %s; the manifest"
                        + " records %s%d series and %d samples (%d stale markers not counted)%s", series, samples, range(),
                exact ? "" : "at most ", expectedSeries, expectedSamples, staleOf(group), exact ? ""
                        : group.overlapping() ? " for the overlapping blocks " + group.ulids() : " (the block has tombstones)");
        for (BlockReport row : group.blocks()) {
            boolean ok = seriesOk && samplesOk;
            updated.put(row.ulid(), row.withQuery(ok ? CheckStatus.PASSED : CheckStatus.FAILED, staleMarkers.get(row.ulid()),
                    group.overlapping() ? null : series, group.overlapping() ? null : samples));
            if (!seriesOk) {
                failures.add(new BlockFailure(DrillChecks.QUERY, row.ulid(), DrillChecks.QUERY_SERIES, null, detail));
            } else if (!samplesOk) {
                failures.add(new BlockFailure(DrillChecks.QUERY, row.ulid(), DrillChecks.QUERY_SAMPLES, null, detail));
            }
        }
    }

    private long visibleSamples(BlockReport row) {
        return row.samples() - staleMarkers.getOrDefault(row.ulid(), 0L);
    }

    private long staleOf(BlockGroup g) {
        return g.blocks().stream().mapToLong(r -> staleMarkers.getOrDefault(r.ulid(), 0L)).sum();
    }

    private long tombstones() {
        return group.blocks().stream().map(r -> records.get(r.ulid()))
                .mapToLong(b -> b.stats() == null ? 0 : b.stats().numTombstones()).sum();
    }

    private String range() {
        return "[" + group.minTime() + ", " + group.maxTime() + ")";
    }
}
