package io.promdr.cli.e2e;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promdr backup} stopped by SIGTERM (a CronJob deadline, a pod eviction) after Prometheus
 * created its snapshot: the packaged jar runs as a subprocess, exits non-zero, and removes the
 * snapshot directory on its way out, since Prometheus never deletes snapshots.
 *
 * <p>A fake Prometheus in front of the real one stops the backup at a known point: it forwards the
 * snapshot call, and holds the build-info call that {@code CommitManifest} makes after every block
 * is uploaded and before the manifest is written.
 */
class BackupInterruptedIT {
    private static final Duration BACKUP_REACHES_COMMIT = Duration.ofSeconds(60);
    private static final Duration EXIT_AFTER_SIGTERM = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private PrometheusServer prometheus;
    private HoldingPrometheus front;
    private Process process;

    @BeforeEach
    void startPrometheus() throws IOException {
        TsdbTestData.Expected data = TsdbTestData.generate(dir.resolve("generated"), 4, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), dir.resolve("prometheus-data"));
        prometheus = PrometheusServer.start(dir.resolve("prometheus-data"));
        front = HoldingPrometheus.start(prometheus.baseUrl());
    }

    @AfterEach
    void stopEverything() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        if (front != null) {
            front.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void sigtermAfterTheSnapshotRemovesItAndCommitsNothing() throws Exception {
        Path repo = dir.resolve("repo");
        String repositoryUri = repo.toUri().toString();
        Result init = new CliRunner(Map.of("HOME", dir.toString())).run("init", "--repository", repositoryUri);
        assertThat(init.exitCode()).as(init.toString()).isZero();

        Path snapshots = prometheus.dataDir().resolve("snapshots");
        Path stderr = dir.resolve("stderr.txt");
        process = promdrJar(repositoryUri, stderr, "backup", "--prometheus", front.baseUrl().toString(),
                "--data-dir", prometheus.dataDir().toString(), "--source", "prod");

        awaitCommitStep(stderr);
        // Next to the snapshot, the lease that lets the next backup remove it after a SIGKILL (docs/reliability.md).
        List<String> taken = TestFiles.names(snapshots).stream().filter(name -> !name.endsWith(".promdr-lease")).toList();
        assertThat(taken).as("the snapshot the backup took").hasSize(1);
        assertThat(TestFiles.names(snapshots)).contains(taken.get(0) + ".promdr-lease");

        process.destroy(); // SIGTERM
        if (!process.waitFor(EXIT_AFTER_SIGTERM.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("promdr did not exit within " + EXIT_AFTER_SIGTERM + " of SIGTERM\n" + read(stderr));
        }
        String err = read(stderr);
        assertThat(process.exitValue()).as(err).isNotZero();
        // Shutdown hooks finish before the JVM exits: no wait needed.
        assertThat(TestFiles.names(snapshots)).as(err).isEmpty();
        assertThat(manifests(repo)).as("committed manifests").isEmpty();
        assertThat(err).contains("removed snapshot directory " + snapshots.resolve(taken.get(0)))
                .contains("no manifest was committed");
    }

    /** Waits until the backup asks for the build info (all blocks uploaded), failing early if promdr exits. */
    private void awaitCommitStep(Path stderr) throws Exception {
        long deadline = System.nanoTime() + BACKUP_REACHES_COMMIT.toNanos();
        while (!front.commitReached.await(100, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive()) {
                throw new AssertionError("promdr exited with " + process.exitValue() + " before committing\n" + read(stderr));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("promdr did not reach the commit within " + BACKUP_REACHES_COMMIT + "\n" + read(stderr));
            }
        }
    }

    private Process promdrJar(String repositoryUri, Path stderr, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("promdr.jar", "target/promdr.jar"));
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        List<String> command = Stream.concat(
                Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()),
                Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMDR_"));
        builder.environment().put("PROMDR_REPOSITORY", repositoryUri);
        builder.environment().put("PROMDR_STATE_DIR", dir.resolve("state").toString());
        builder.environment().put("HOME", dir.resolve("home").toString());
        return builder.start();
    }

    private static List<Path> manifests(Path repo) throws IOException {
        Path backups = repo.resolve("backups");
        if (!Files.exists(backups)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(backups)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /**
     * A fake Prometheus on 127.0.0.1 that forwards the snapshot call to the real one and holds the
     * build-info call until the test ends.
     */
    private static final class HoldingPrometheus implements AutoCloseable {
        private static final String SNAPSHOT_PATH = "/api/v1/admin/tsdb/snapshot";
        private static final String BUILDINFO_PATH = "/api/v1/status/buildinfo";
        /** A bound on the hold, so that a broken test cannot leave a handler thread waiting for ever. */
        private static final Duration MAX_HOLD = Duration.ofMinutes(5);

        final CountDownLatch commitReached = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI target;
        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool();

        private HoldingPrometheus(URI target) throws IOException {
            this.target = target;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            // The held exchange blocks its thread: others must still be served.
            server.setExecutor(executor);
        }

        static HoldingPrometheus start(URI target) throws IOException {
            HoldingPrometheus front = new HoldingPrometheus(target);
            front.server.start();
            return front;
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.equals(SNAPSHOT_PATH) && exchange.getRequestMethod().equals("POST")) {
                    forward(exchange);
                } else if (path.equals(BUILDINFO_PATH)) {
                    commitReached.countDown();
                    release.await(MAX_HOLD.toSeconds(), TimeUnit.SECONDS);
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void forward(HttpExchange exchange) throws IOException, InterruptedException {
            URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().set("Content-Type",
                    answer.headers().firstValue("Content-Type").orElse("application/json"));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
