package io.promdr.restore.drill;

import java.util.ArrayList;
import java.util.List;

/**
 * PromQL that counts the samples of a block's time range [minTime, maxTime).
 *
 * <p>{@code sum(count_over_time({__name__=~".+"}[r]))} would fail on any real Prometheus:
 * count_over_time drops the metric name, and two metrics with the same other labels
 * ({@code up} and {@code scrape_duration_seconds} of one target) then collide ("vector cannot
 * contain metrics with the same labelset"). So the counts go metric by metric, each tagged with
 * a label of its own by label_replace, many metrics per query.
 *
 * <p>Range selectors are closed {@code [t - r, t]} in Prometheus 2 and left-open
 * {@code (t - r, t]} since 3.0; evaluated at {@code maxTime - 1} ms, the range is chosen so that
 * both select exactly the block's samples. Range functions ignore the lookback delta.
 */
final class SampleCountQuery {
    /** Keeps each query well below URL and form limits of proxies and of Prometheus itself. */
    static final int MAX_QUERY_CHARS = 8_000;
    private static final String TAG = "promdr_metric";

    private SampleCountQuery() {
    }

    /** Where to evaluate and how far back to reach for [minTime, maxTime) on a Prometheus of {@code majorVersion}. */
    record Window(long atMs, long rangeMs) {
    }

    static Window window(long minTime, long maxTime, int majorVersion) {
        long at = maxTime - 1;
        long range = majorVersion >= 3 ? maxTime - minTime : at - minTime;
        // A zero range does not parse; a block spans at least 1 ms, this only matters for a single-millisecond block.
        return new Window(at, Math.max(1, range));
    }

    /** Queries whose results, summed, count every sample of {@code metricNames} in the window's range. */
    static List<String> queries(List<String> metricNames, long rangeMs) {
        List<String> queries = new ArrayList<>();
        StringBuilder terms = new StringBuilder();
        for (int i = 0; i < metricNames.size(); i++) {
            String term = "label_replace(count_over_time({__name__=\"" + escape(metricNames.get(i)) + "\"}[" + rangeMs
                    + "ms]), \"" + TAG + "\", \"" + i + "\", \"\", \"\")";
            if (terms.length() > 0 && terms.length() + term.length() > MAX_QUERY_CHARS) {
                queries.add(sum(terms));
                terms.setLength(0);
            }
            terms.append(terms.length() == 0 ? "" : " or ").append(term);
        }
        if (terms.length() > 0) {
            queries.add(sum(terms));
        }
        return queries;
    }

    private static String sum(CharSequence terms) {
        return "sum(" + terms + ")";
    }

    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
