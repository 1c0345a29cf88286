package io.promdr.core.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retries of the Prometheus client against a scripted server: which answers are retried, for GET and for the snapshot POST. */
class PrometheusClientRetryTest {
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));
    private static final String SNAPSHOT = "{\"status\":\"success\",\"data\":{\"name\":\"20260101T000000Z-5a3c0d5c2fd8e1b0\"}}";
    private static final String VERSION = "{\"status\":\"success\",\"data\":{\"version\":\"2.42.0\"}}";

    private HttpServer server;
    private final ConcurrentLinkedDeque<Object[]> script = new ConcurrentLinkedDeque<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aGetIsRetriedThroughServerErrorsAndThrottling() {
        answers(503, "starting", 502, "bad gateway", 429, "slow down", 200, VERSION);

        assertThat(client(FAST).version()).contains("2.42.0");
        assertThat(requests).hasSize(4);
    }

    @Test
    void theSnapshotPostIsRetriedOnlyWhenPrometheusSaysItDidNotAct() {
        answers(503, "Service Unavailable", 200, SNAPSHOT);
        assertThat(client(FAST).createSnapshot(false)).isEqualTo("20260101T000000Z-5a3c0d5c2fd8e1b0");
        assertThat(requests).hasSize(2);

        requests.clear();
        answers(500, "{\"status\":\"error\",\"error\":\"create snapshot: no space left on device\"}", 200, SNAPSHOT);
        assertThatThrownBy(() -> client(FAST).createSnapshot(false))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_SNAPSHOT_FAILED))
                .hasMessageContaining("no space left on device");
        assertThat(requests).as("a 500 may have left a snapshot: never POST again").hasSize(1);
    }

    @Test
    void aServerErrorThatLastsLongerThanTheRetryTimeIsReported() {
        for (int i = 0; i < 1000; i++) {
            answers(503, "down");
        }
        RetryPolicy short_ = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(300));

        assertThatThrownBy(() -> client(short_).createSnapshot(false))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_SNAPSHOT_FAILED))
                .hasMessageContaining("HTTP 503");
        assertThat(requests.size()).isGreaterThan(2).isLessThan(1000);
    }

    @Test
    void aRefusedConnectionFailsAtOnce() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> new PrometheusAdminClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5),
                RetryPolicy.DEFAULT).version())
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_UNREACHABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private PrometheusAdminClient client(RetryPolicy policy) {
        return new PrometheusAdminClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5), policy);
    }

    private void answers(Object... statusAndBody) {
        for (int i = 0; i < statusAndBody.length; i += 2) {
            script.add(new Object[] {statusAndBody[i], statusAndBody[i + 1]});
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        Object[] next = script.poll();
        try (exchange) {
            int status = next == null ? 500 : (Integer) next[0];
            byte[] bytes = (next == null ? "no script" : (String) next[1]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
