package io.promdr.core.prometheus;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import io.promdr.core.tsdb.BlockMeta;
import io.promdr.core.tsdb.SnapshotDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin client against the real Prometheus binary. */
class PrometheusAdminClientIT {
    @TempDir
    Path tmp;

    @Test
    void snapshotHoldsTheBlocksOfTheDataDirectory() throws IOException {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("gen"), 10, 4, 60);
        Path dataDir = tmp.resolve("data");
        PrometheusServer.backfill(data.blockDirs(), dataDir);
        try (PrometheusServer prom = PrometheusServer.start(dataDir)) {
            PrometheusAdminClient client = new PrometheusAdminClient(prom.baseUrl(), Duration.ofSeconds(30));
            assertThat(client.version()).hasValueSatisfying(v -> assertThat(v).matches("\\d+\\.\\d+\\.\\d+.*"));

            String name = client.createSnapshot(true);

            Path snapshot = dataDir.resolve("snapshots").resolve(name);
            List<Path> blocks = SnapshotDirectory.listBlocks(snapshot);
            assertThat(blocks).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(data.ulids());
            long samples = 0;
            for (Path block : blocks) {
                samples += BlockMeta.read(block).stats().numSamples();
            }
            assertThat(samples).isEqualTo(data.samplesTotal());
            // With the head included (empty here: nothing is scraped) the snapshot is the same.
            String withHead = client.createSnapshot(false);
            assertThat(withHead).isNotEqualTo(name);
            assertThat(SnapshotDirectory.listBlocks(dataDir.resolve("snapshots").resolve(withHead))).hasSameSizeAs(blocks);
        }
    }

    @Test
    void adminApiDisabledHasItsOwnCode() {
        try (PrometheusServer prom = PrometheusServer.builder(tmp.resolve("data")).adminApi(false).start()) {
            PrometheusAdminClient client = new PrometheusAdminClient(prom.baseUrl(), Duration.ofSeconds(10));
            assertThatThrownBy(() -> client.createSnapshot(true))
                    .isInstanceOfSatisfying(PromdrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_ADMIN_API_DISABLED);
                        assertThat(e.hint()).isEqualTo("start Prometheus with --web.enable-admin-api");
                    })
                    .hasMessage("Prometheus at " + prom.baseUrl() + " has its admin API disabled");
            assertThat(client.version()).isPresent();
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PrometheusAdminClient client = new PrometheusAdminClient(URI.create("http://127.0.0.1:" + port),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.createSnapshot(false))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_UNREACHABLE);
                    assertThat(e.hint()).isEqualTo("check --prometheus and that Prometheus is running");
                })
                .hasMessage("Prometheus at http://127.0.0.1:" + port + " is unreachable: connection refused");
        assertThatThrownBy(client::version).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_UNREACHABLE));
    }
}
