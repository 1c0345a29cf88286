package io.promdr.schedules.metrics;

import io.promdr.core.testing.Promtool;
import io.promdr.schedules.RunResult;
import io.promdr.schedules.TestSchedules;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler's /metrics text passes promtool's linter, before and after runs, and /healthz follows the scheduler. */
class ScheduleMetricsIT {

    @Test
    void expositionIsValidAndCarriesTheLastRun() throws Exception {
        ScheduleMetrics metrics = new ScheduleMetrics(List.of(TestSchedules.spec("nightly", "@daily", "backup", "prod"),
                TestSchedules.spec("weekly", "@weekly", "drill", "prod")));
        AtomicBoolean healthy = new AtomicBoolean(true);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, metrics::exposition, healthy::get)) {
            String before = get(endpoint, "/metrics").body();
            assertLints(before);
            assertThat(before).doesNotContain("promdr_schedule_last_success_timestamp_seconds");

            metrics.started("nightly");
            metrics.succeeded("nightly", Instant.ofEpochMilli(1_700_000_000_500L), Duration.ofMillis(1250),
                    new RunResult("20260101T000000Z-abcd", 4096, "ok"));
            metrics.started("weekly");
            metrics.failed("weekly", Instant.ofEpochSecond(1_700_000_100L), Duration.ofSeconds(3));
            HttpResponse<String> after = get(endpoint, "/metrics");
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
            assertLints(after.body());
            assertThat(after.body())
                    .contains("promdr_schedule_last_success_timestamp_seconds{schedule=\"nightly\",kind=\"backup\",source=\"prod\"} 1700000000.500\n")
                    .contains("promdr_schedule_last_run_duration_seconds{schedule=\"nightly\",kind=\"backup\",source=\"prod\"} 1.250\n")
                    .contains("promdr_schedule_last_success_bytes{schedule=\"nightly\",kind=\"backup\",source=\"prod\"} 4096\n")
                    .contains("promdr_schedule_last_run_success{schedule=\"weekly\",kind=\"drill\",source=\"prod\"} 0\n")
                    .contains("promdr_schedule_runs_total{schedule=\"weekly\",kind=\"drill\",source=\"prod\",result=\"failure\"} 1\n")
                    .contains("promdr_schedule_running{schedule=\"nightly\",kind=\"backup\",source=\"prod\"} 0\n");

            assertThat(get(endpoint, "/healthz").statusCode()).isEqualTo(200);
            healthy.set(false);
            assertThat(get(endpoint, "/healthz").statusCode()).isEqualTo(503);
        }
    }

    private static void assertLints(String exposition) {
        Promtool.Lint lint = Promtool.checkMetrics(exposition);
        assertThat(lint.exitCode()).as(lint.output() + "\n" + exposition).isZero();
        assertThat(lint.output()).as(exposition).isBlank();
    }

    private static HttpResponse<String> get(MetricsEndpoint endpoint, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
