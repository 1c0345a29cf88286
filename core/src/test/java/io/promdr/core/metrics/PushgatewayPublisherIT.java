package io.promdr.core.metrics;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.testing.Promtool;
import io.promdr.core.testing.PushgatewayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** promdr's metrics pushed to a real Pushgateway on 127.0.0.1, read back from its /metrics and linted by promtool. */
class PushgatewayPublisherIT {
    private static final Instant FINISHED = Instant.parse("2026-11-25T18:02:51.170Z");

    static PushgatewayServer gateway;

    @BeforeAll
    static void startGateway() {
        gateway = PushgatewayServer.start();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void backupDrillAndPruneMetricsArriveInOneGroupPerSourceAndPassPromtool() {
        JobMetricsPublisher publisher = JobMetricsPublisher.of(settings(gateway.url(), "promdr-a", Map.of("cluster", "eu-1")));

        publisher.backupFinished(new BackupMetrics("prod", FINISHED, true, Duration.ofMillis(2069), 150_630, 1_551_155, 5, 2,
                864_000, FINISHED.minusSeconds(3600).toEpochMilli()));
        publisher.drillFinished(new DrillMetrics("prod", FINISHED.plusSeconds(60), true, Duration.ofSeconds(12),
                Duration.ofMillis(3250), Duration.ofSeconds(3660), Duration.ofSeconds(60), 150_630, 1_551_155, 5,
                Map.of("integrity", true, "tsdb", true, "query", true)));
        publisher.pruneFinished(new PruneMetrics("prod", FINISHED.plusSeconds(120), true, Duration.ofMillis(500), 3, 7, 4, 40_000));

        String pushed = gateway.families("promdr_");
        String group = "{cluster=\"eu-1\",instance=\"\",job=\"promdr-a\",source=\"prod\"}";
        assertThat(pushed)
                .contains("promdr_backup_success" + group + " 1")
                .contains("promdr_backup_last_success_timestamp_seconds" + group + " 1.79562977117e+09")
                .contains("promdr_backup_duration_seconds" + group + " 2.069")
                .contains("promdr_backup_uploaded_bytes" + group + " 150630")
                .contains("promdr_backup_stored_bytes" + group + " 1.551155e+06")
                .contains("promdr_backup_blocks" + group + " 5")
                .contains("promdr_backup_rpo_seconds" + group + " 3600")
                .contains("promdr_drill_success" + group + " 1")
                .contains("promdr_drill_rto_seconds" + group + " 3.25")
                .contains("promdr_drill_rpo_seconds" + group + " 3660")
                .contains("promdr_drill_check_success{check=\"tsdb\",cluster=\"eu-1\",instance=\"\",job=\"promdr-a\",source=\"prod\"} 1")
                .contains("promdr_prune_deleted_objects" + group + " 4")
                .contains("# HELP promdr_drill_rto_seconds Measured recovery time of the last drill");

        Promtool.Lint lint = Promtool.checkMetrics(pushed);
        assertThat(lint.output()).as("promtool check metrics").isEmpty();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void aFailedRunKeepsTheLastSuccessAndItsSizes() {
        JobMetricsPublisher publisher = JobMetricsPublisher.of(settings(gateway.url(), "promdr-b", Map.of()));
        publisher.backupFinished(new BackupMetrics("staging", FINISHED, true, Duration.ofSeconds(2), 100, 1000, 3, 1, 9000,
                FINISHED.toEpochMilli()));

        publisher.backupFinished(BackupMetrics.failed("staging", FINISHED.plusSeconds(86_400), Duration.ofSeconds(1)));
        publisher.drillFinished(DrillMetrics.failed("staging", FINISHED.plusSeconds(86_500), Duration.ofSeconds(1)));

        String group = "{instance=\"\",job=\"promdr-b\",source=\"staging\"}";
        assertThat(gateway.families("promdr_"))
                .contains("promdr_backup_success" + group + " 0")
                .contains("promdr_backup_last_run_timestamp_seconds" + group + " 1.79571617117e+09")
                .contains("promdr_backup_last_success_timestamp_seconds" + group + " 1.79562977117e+09")
                .contains("promdr_backup_uploaded_bytes" + group + " 100")
                .contains("promdr_drill_success" + group + " 0")
                .doesNotContain("promdr_drill_last_success_timestamp_seconds" + group);
    }

    @Test
    void basicAuthIsSentAndAWrongPasswordIsRejectedWithoutShowingIt() {
        try (PushgatewayServer secured = PushgatewayServer.startWithBasicAuth()) {
            PushgatewaySettings good = new PushgatewaySettings(secured.url(), "promdr", Map.of(), PushgatewayServer.USER,
                    PushgatewayServer.PASSWORD, Duration.ofSeconds(5));
            JobMetricsPublisher.of(good).backupFinished(BackupMetrics.failed("prod", FINISHED, Duration.ofSeconds(1)));
            assertThat(secured.families("promdr_backup_success")).contains("source=\"prod\"} 0");

            PushgatewaySettings bad = new PushgatewaySettings(secured.url(), "promdr", Map.of(), PushgatewayServer.USER,
                    "wrong-secret-value", Duration.ofSeconds(5));
            assertThatThrownBy(() -> JobMetricsPublisher.of(bad).backupFinished(BackupMetrics.failed("prod", FINISHED,
                    Duration.ofSeconds(1))))
                    .isInstanceOfSatisfying(PromdrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PUSHGATEWAY_REJECTED);
                        assertThat(e.getMessage()).startsWith("the Pushgateway " + secured.url() + " refused the backup metrics: HTTP 401");
                        assertThat(e.hint()).contains("metrics.pushgateway.username and password");
                        assertThat(e.getMessage() + e.hint()).doesNotContain("wrong-secret-value");
                    });
        }
    }

    @Test
    void aPathPrefixInTheUrlIsKept() {
        // The Pushgateway serves under --web.route-prefix only when told; a wrong path is a 404, reported as refused.
        JobMetricsPublisher publisher = JobMetricsPublisher.of(settings(gateway.url().resolve("/prefix/"), "promdr", Map.of()));

        assertThatThrownBy(() -> publisher.drillFinished(DrillMetrics.failed("prod", FINISHED, Duration.ZERO)))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PUSHGATEWAY_REJECTED);
                    assertThat(e.getMessage()).contains("HTTP 404");
                });
    }

    @Test
    void aGatewayThatDoesNotListenIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);

        assertThatThrownBy(() -> JobMetricsPublisher.of(settings(url, "promdr", Map.of()))
                .backupFinished(BackupMetrics.failed("prod", FINISHED, Duration.ZERO)))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PUSHGATEWAY_UNREACHABLE);
                    assertThat(e.getMessage()).startsWith("cannot push backup metrics to the Pushgateway " + url + ": ConnectException");
                    assertThat(e.hint()).contains("PROMDR_PUSHGATEWAY_URL");
                });
    }

    private static PushgatewaySettings settings(URI url, String job, Map<String, String> labels) {
        return new PushgatewaySettings(url, job, labels, null, null, Duration.ofSeconds(5));
    }
}
