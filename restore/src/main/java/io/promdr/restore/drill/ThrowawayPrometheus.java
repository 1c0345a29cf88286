package io.promdr.restore.drill;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus server of the drill's own: started on a copy of the restored blocks, listening on
 * 127.0.0.1 only (a free port), scraping nothing, keeping old blocks (retention 100 years) and not
 * compacting them (minimum and maximum block duration equal), with its log in its work directory.
 * {@link #close()} stops it (SIGTERM, then SIGKILL); a JVM shutdown hook kills it if promdr is
 * stopped first. Only flags that upstream and Debian builds of 2.x and 3.x all accept are used.
 */
final class ThrowawayPrometheus implements AutoCloseable {
    private static final int START_ATTEMPTS = 3;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final URI baseUrl;
    private final Thread killOnExit;

    private ThrowawayPrometheus(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.baseUrl = URI.create("http://127.0.0.1:" + port);
        this.killOnExit = new Thread(process::destroyForcibly, "promdr-drill-prometheus-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Why the server did not become ready, with the end of its log. */
    static final class StartFailure extends Exception {
        private final String logTail;

        StartFailure(String message, String logTail) {
            super(message);
            this.logTail = logTail;
        }

        String logTail() {
            return logTail;
        }
    }

    /**
     * Starts Prometheus on {@code dataDir} and waits for {@code /-/ready}.
     *
     * @throws StartFailure when it exits, or is not ready within {@code readyTimeout}
     */
    static ThrowawayPrometheus start(Path binary, Path workDir, Path dataDir, Duration readyTimeout, Duration queryTimeout)
            throws IOException, StartFailure {
        Path config = Files.writeString(workDir.resolve("prometheus.yml"), "# promdr drill: no scrape targets\nscrape_configs: []\n");
        StartFailure last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = workDir.resolve("prometheus.log");
            Process process = new ProcessBuilder(command(binary, config, dataDir, port, queryTimeout))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ThrowawayPrometheus server = new ThrowawayPrometheus(process, log, port);
            try {
                server.awaitReady(readyTimeout);
                return server;
            } catch (StartFailure e) {
                server.close();
                last = e;
                // Another process may take the port between the probe and Prometheus' bind: then try another.
                if (!e.logTail().contains("address already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    static List<String> command(Path binary, Path config, Path dataDir, int port, Duration queryTimeout) {
        return new ArrayList<>(List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dataDir,
                // Retention counts back from the newest block: old backups must not be deleted on load.
                "--storage.tsdb.retention.time=100y",
                // Equal bounds turn off the compaction of the restored blocks while they are queried.
                "--storage.tsdb.min-block-duration=2h",
                "--storage.tsdb.max-block-duration=2h",
                "--query.timeout=" + Math.max(1, queryTimeout.toSeconds()) + "s",
                "--web.listen-address=127.0.0.1:" + port));
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** The last {@code lines} lines of the server's log. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void awaitReady(Duration timeout) throws StartFailure {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUrl.resolve("/-/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            if (!process.isAlive()) {
                throw new StartFailure("Prometheus exited with code " + process.exitValue() + " while loading the blocks",
                        logTail(40));
            }
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartFailure("interrupted while waiting for Prometheus", logTail(40));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new StartFailure("Prometheus was not ready within " + timeout.toSeconds() + " s (last answer: " + last
                        + ")", logTail(40));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartFailure("interrupted while waiting for Prometheus", logTail(40));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
