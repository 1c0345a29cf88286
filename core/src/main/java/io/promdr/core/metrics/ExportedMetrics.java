package io.promdr.core.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The names of every metric promdr can push, taken from the code that builds them (not from a
 * list kept by hand), so that the alerting rules and the Grafana dashboard shipped in
 * k8s-cronjob/ can be checked to query only metrics that exist.
 */
public final class ExportedMetrics {
    private ExportedMetrics() {
    }

    public static SortedSet<String> names() {
        Instant now = Instant.EPOCH;
        Duration second = Duration.ofSeconds(1);
        SortedSet<String> names = new TreeSet<>();
        // Successful runs with every optional value present publish the most families.
        collect(names, MetricFamilies.backup(new BackupMetrics("s", now, true, second, 1, 1, 1, 1, 1, 0L, 0)));
        collect(names, MetricFamilies.drill(new DrillMetrics("s", now, true, second, second, second, second, 1, 1, 1,
                Map.of("integrity", true))));
        collect(names, MetricFamilies.prune(new PruneMetrics("s", now, true, second, 1, 1, 1, 1)));
        return Collections.unmodifiableSortedSet(names);
    }

    private static void collect(SortedSet<String> names, MetricSnapshots snapshots) {
        for (MetricSnapshot snapshot : snapshots) {
            names.add(snapshot.getMetadata().getPrometheusName());
        }
    }
}
