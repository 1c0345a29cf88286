package io.promdr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.core.metrics.BackupMetrics;
import io.promdr.core.metrics.DrillMetrics;
import io.promdr.core.metrics.ExportedMetrics;
import io.promdr.core.metrics.JobMetricsPublisher;
import io.promdr.core.metrics.PruneMetrics;
import io.promdr.core.metrics.PushgatewaySettings;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.PushgatewayServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard shows data: promdr's own publisher pushes a backup, a drill and a prune to
 * a real Pushgateway, a real Prometheus scrapes it, and every query of every panel (and of the
 * source variable) answers with at least one series. So every panel parses as PromQL and names
 * only metrics, labels and label values promdr really pushes.
 */
class DashboardIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyPanelQueryAnswersWithPromdrsPushedMetrics() throws IOException {
        JsonNode dashboard = JSON.readTree(DeployFiles.DASHBOARD.toFile());
        List<String> queries = queries(dashboard);
        assertThat(queries).hasSizeGreaterThan(10);
        for (String query : queries) {
            assertThat(PromQlMetricNames.in(query)).as(query).isNotEmpty().isSubsetOf(ExportedMetrics.names());
        }

        try (PushgatewayServer pushgateway = PushgatewayServer.start();
             PrometheusServer prometheus = PrometheusServer.builder(tmp.resolve("data"))
                     .scrapeTarget(pushgateway.hostPort()).start()) {
            publishOneOfEachRun(pushgateway);
            for (String query : queries) {
                String promql = query.replace("$source", ".*");
                JsonNode data = prometheus.awaitNonEmpty(promql, Duration.ofSeconds(60));
                assertThat(data.path("result")).as(promql).isNotEmpty();
            }
            String sourceVariable = dashboard.path("templating").path("list").get(1).path("definition").asText();
            assertThat(sourceVariable).isEqualTo("label_values(promdr_backup_last_run_timestamp_seconds, source)");
            assertThat(prometheus.apiGet("/api/v1/label/source/values").toString()).contains("prod");
        }
    }

    private static void publishOneOfEachRun(PushgatewayServer pushgateway) {
        JobMetricsPublisher publisher = JobMetricsPublisher.of(new PushgatewaySettings(pushgateway.url(),
                PushgatewaySettings.DEFAULT_JOB, Map.of(), null, null, PushgatewaySettings.DEFAULT_TIMEOUT));
        Instant now = Instant.now();
        Duration minute = Duration.ofMinutes(1);
        publisher.backupFinished(new BackupMetrics("prod", now, true, minute, 1000, 5000, 3, 1, 12345,
                now.minus(Duration.ofHours(1)).toEpochMilli()).withSnapshotsLeftBehind(0));
        publisher.drillFinished(new DrillMetrics("prod", now, true, minute, minute, Duration.ofHours(1),
                Duration.ofHours(2), 5000, 9000, 3, Map.of("integrity", true, "tsdb", true, "query", true)));
        publisher.pruneFinished(new PruneMetrics("prod", now, true, minute, 1, 7, 2, 4000));
    }

    /** Every PromQL expression of the dashboard's panels. */
    private static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        return queries;
    }
}
