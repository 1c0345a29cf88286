package io.promdr.core.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a scripted HTTP server on 127.0.0.1: every answer Prometheus (or a proxy) may give. */
class PrometheusAdminClientTest {
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status;
    private volatile String body;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void createsASnapshotAndReturnsItsName() {
        script(200, "{\"status\":\"success\",\"data\":{\"name\":\"20260101T000000Z-5a3c0d5c2fd8e1b0\"}}");
        assertThat(client("").createSnapshot(false)).isEqualTo("20260101T000000Z-5a3c0d5c2fd8e1b0");
        assertThat(client("/").createSnapshot(true)).isEqualTo("20260101T000000Z-5a3c0d5c2fd8e1b0");
        assertThat(requests).containsExactly("POST /api/v1/admin/tsdb/snapshot null",
                "POST /api/v1/admin/tsdb/snapshot?skip_head=true null");
    }

    @Test
    void keepsAPathPrefixAndSendsUrlCredentialsAsBasicAuthWithoutShowingThem() {
        script(500, "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"create snapshot: no space left\"}");
        URI url = URI.create("http://admin:s3cr%40t@127.0.0.1:" + port() + "/prometheus/");
        assertThatThrownBy(() -> new PrometheusAdminClient(url, Duration.ofSeconds(5)).createSnapshot(false))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_SNAPSHOT_FAILED);
                    assertThat(e.userMessage()).doesNotContain("admin").doesNotContain("s3cr");
                })
                .hasMessage("Prometheus at http://127.0.0.1:" + port() + "/prometheus failed to create a snapshot:"
                        + " answered HTTP 500: create snapshot: no space left");
        assertThat(requests).containsExactly("POST /prometheus/api/v1/admin/tsdb/snapshot Basic YWRtaW46czNjckB0");
    }

    @Test
    void recognisesTheDisabledAdminApi() {
        // What Prometheus 2.42 answers without --web.enable-admin-api (checked against the real binary in the IT).
        script(500, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"admin APIs disabled\"}");
        assertThatThrownBy(() -> client("").createSnapshot(false))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_ADMIN_API_DISABLED);
                    assertThat(e.hint()).isEqualTo("start Prometheus with --web.enable-admin-api");
                })
                .hasMessageContaining("http://127.0.0.1:" + port());
    }

    @Test
    void reportsOtherAnswersAsSnapshotFailures() {
        script(404, "404 page not found\n");
        assertFailed(client(""), "answered HTTP 404: 404 page not found");
        script(200, "{\"status\":\"success\",\"data\":{\"name\":\"../../etc\"}}");
        assertFailed(client(""), "unusable snapshot name \"../../etc\"");
        script(200, "{\"status\":\"success\",\"data\":{}}");
        assertFailed(client(""), "unusable snapshot name \"\"");
        script(200, "<html>proxy login</html>");
        assertFailed(client(""), "answered HTTP 200: <html>proxy login</html>");
    }

    @Test
    void readsTheVersionOrNothing() {
        script(200, "{\"status\":\"success\",\"data\":{\"version\":\"2.42.0+ds\",\"revision\":\"x\"}}");
        assertThat(client("").version()).contains("2.42.0+ds");
        assertThat(requests).containsExactly("GET /api/v1/status/buildinfo null");
        script(404, "404 page not found");
        assertThat(client("").version()).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsUnreachable() {
        script(-1, null);
        PrometheusAdminClient client = new PrometheusAdminClient(URI.create("http://127.0.0.1:" + port()), Duration.ofMillis(300));
        assertThatThrownBy(() -> client.createSnapshot(false))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_UNREACHABLE);
                    assertThat(e.hint()).isEqualTo("check --prometheus and that Prometheus is running");
                })
                .hasMessage("Prometheus at http://127.0.0.1:" + port() + " is unreachable: no answer within 300 ms");
    }

    @Test
    void refusesUrlsThatAreNotHttp() {
        for (String url : List.of("localhost:9090", "ftp://host/", "http:///path")) {
            assertThatThrownBy(() -> new PrometheusAdminClient(URI.create(url), Duration.ofSeconds(1)))
                    .as(url).isInstanceOfSatisfying(PromdrException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
        }
        assertThatThrownBy(() -> new PrometheusAdminClient(URI.create("ftp://u:pw@host/"), Duration.ofSeconds(1)))
                .hasMessageNotContaining("pw");
    }

    private void assertFailed(PrometheusAdminClient client, String detail) {
        assertThatThrownBy(() -> client.createSnapshot(false))
                .isInstanceOfSatisfying(PromdrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_SNAPSHOT_FAILED))
                .hasMessageEndingWith(detail);
    }

    private PrometheusAdminClient client(String path) {
        return new PrometheusAdminClient(URI.create("http://127.0.0.1:" + port() + path), Duration.ofSeconds(5));
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private void script(int status, String body) {
        this.status = status;
        this.body = body;
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Authorization"));
        try (exchange) {
            if (status < 0) {
                awaitRelease();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
