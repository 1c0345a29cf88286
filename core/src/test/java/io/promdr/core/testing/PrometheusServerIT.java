package io.promdr.core.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusServerIT {
    @TempDir
    Path tmp;

    @Test
    void servesBackfilledBlocksWithExactValues() {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("gen"), 10, 4, 15);
        Path dataDir = tmp.resolve("data");
        PrometheusServer.backfill(data.blockDirs(), dataDir);

        try (PrometheusServer prom = PrometheusServer.start(dataDir)) {
            assertThat(prom.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(prom.dataDir()).isEqualTo(dataDir);
            long lastSec = data.lastTsMs() / 1000;
            assertThat(prom.queryValue("count(drill_test_metric)", lastSec)).isEqualTo(10.0);
            long k = data.samplesPerSeries() - 1;
            assertThat(prom.queryValue("drill_test_metric{instance=\"host-00003\"}", lastSec))
                    .isEqualTo(TsdbTestData.valueOf(3, k));
            assertThat(prom.queryValue("sum(count_over_time(drill_test_metric[4h]))", lastSec))
                    .isEqualTo((double) data.samplesTotal());
            assertThat(prom.apiGet("/api/v1/status/buildinfo").path("version").asText()).isNotBlank();
        }
    }

    @Test
    void adminApiCanBeSwitchedOffAndCloseStopsTheProcess() {
        PrometheusServer prom = PrometheusServer.builder(tmp.resolve("data")).adminApi(false).start();
        try {
            var answer = prom.send(HttpRequest.newBuilder(prom.baseUrl().resolve("/api/v1/admin/tsdb/snapshot"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(answer.body()).contains("admin APIs disabled");
        } finally {
            prom.close();
        }
        assertThat(prom.isAlive()).isFalse();
        assertThat(prom.logFile()).doesNotExist();
    }

    @Test
    void scrapesItselfWhenAsked() {
        try (PrometheusServer prom = PrometheusServer.builder(tmp.resolve("data")).scrapeSelf(true).start()) {
            var up = prom.awaitNonEmpty("up", java.time.Duration.ofSeconds(20));
            assertThat(up.path("result").get(0).path("metric").path("job").asText()).isEqualTo("prometheus");
            assertThat(prom.apiGet("/api/v1/targets").path("activeTargets")).hasSize(1);
        }
    }
}
