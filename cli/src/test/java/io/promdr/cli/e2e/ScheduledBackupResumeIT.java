package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled backup killed after uploading its blocks (the packaged jar, stopped by SIGTERM while
 * its commit step waits for Prometheus), run again: the second run commits without uploading any
 * block again, and {@code promdr history} shows both runs, the interrupted one still STARTED (its
 * process never recorded an end) with the bytes it had uploaded.
 */
class ScheduledBackupResumeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PrometheusServer prometheus;
    private HoldingCommitPrometheus front;

    @BeforeEach
    void startPrometheus() throws IOException {
        TsdbTestData.Expected data = TsdbTestData.generate(dir.resolve("generated"), 3, 6, 60);
        PrometheusServer.backfill(data.blockDirs(), dir.resolve("prometheus-data"));
        prometheus = PrometheusServer.start(dir.resolve("prometheus-data"));
        front = new HoldingCommitPrometheus(prometheus.baseUrl());
    }

    @AfterEach
    void stop() {
        if (front != null) {
            front.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void aKilledRunStartedAgainUploadsNothingTwice() throws Exception {
        Path config = dir.resolve("promdr.yaml");
        Files.writeString(config, """
                repository:
                  uri: %s
                sources:
                  prod:
                    prometheus: {url: "%s", dataDir: "%s"}
                schedules:
                  nightly: {job: backup, source: prod}
                """.formatted(dir.resolve("repo").toUri(), front.baseUrl(), prometheus.dataDir()));
        CliRunner cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString(),
                "PROMDR_CONFIG", config.toString()));
        assertThat(cli.run("init").exitCode()).isZero();

        Path stderr = dir.resolve("stderr.txt");
        Process killed = promdrJar(config, stderr, "schedule", "exec", "nightly");
        try {
            while (!front.commitReached.await(100, TimeUnit.MILLISECONDS)) {
                assertThat(killed.isAlive()).as("promdr reaches the commit step\n" + Files.readString(stderr)).isTrue();
            }
            killed.destroy(); // SIGTERM
            assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            killed.destroyForcibly();
        }
        assertThat(killed.exitValue()).isNotZero();
        assertThat(JSON.readTree(cli.run("list", "-o", "json").out())).as("no backup committed").isEmpty();

        front.release.countDown();
        Result resumed = cli.env("PROMDR_SCHEDULE", "nightly").run("schedule", "exec");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("schedule nightly: backup ").contains(" 0 uploaded (0 B), ");

        JsonNode runs = JSON.readTree(cli.run("history", "-o", "json").out());
        assertThat(runs).hasSize(2);
        JsonNode second = runs.get(0);
        JsonNode first = runs.get(1);
        assertThat(first.path("status").asText()).isEqualTo("STARTED");
        assertThat(first.path("endedAt").isNull()).isTrue();
        assertThat(first.path("bytes").asLong()).as("the killed run uploaded its blocks").isPositive();
        assertThat(second.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(second.path("bytes").asLong()).as("the rerun found them all").isZero();
        assertThat(second.path("backupId").asText()).isEqualTo(JSON.readTree(cli.run("list", "-o", "json").out()).get(0).path("id").asText());
    }

    private Process promdrJar(Path config, Path stderr, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("promdr.jar", "target/promdr.jar"));
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        List<String> command = Stream.concat(
                Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()),
                Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMDR_"));
        builder.environment().put("PROMDR_CONFIG", config.toString());
        builder.environment().put("PROMDR_STATE_DIR", dir.resolve("state").toString());
        builder.environment().put("HOME", dir.resolve("home").toString());
        return builder.start();
    }

    /**
     * A Prometheus in front of the real one that forwards everything, except that it holds the
     * build-info call (made by the backup's commit step, after every block is uploaded) until released.
     */
    private static final class HoldingCommitPrometheus implements AutoCloseable {
        final CountDownLatch commitReached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI target;
        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool();

        HoldingCommitPrometheus(URI target) throws IOException {
            this.target = target;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(executor);
            server.start();
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/api/v1/status/buildinfo") && release.getCount() > 0) {
                    commitReached.countDown();
                    if (!release.await(5, TimeUnit.MINUTES)) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                }
                URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
                HttpRequest.Builder request = HttpRequest.newBuilder(uri);
                request = exchange.getRequestMethod().equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
                HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().set("Content-Type", answer.headers().firstValue("Content-Type").orElse("application/json"));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
