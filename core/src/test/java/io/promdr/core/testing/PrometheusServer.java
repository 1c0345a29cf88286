package io.promdr.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.core.fs.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
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
 * A real {@code prometheus} process on 127.0.0.1 for integration tests (binary from env
 * {@code PROMETHEUS_BIN} or the PATH). It listens on a random free port, stores its TSDB in the
 * given data directory, keeps data for 100 years (so old generated blocks are not deleted), and
 * scrapes nothing unless asked to scrape itself. Its log goes to a file in a private work
 * directory, whose tail is put in every failure message. {@link #close()} stops it (SIGTERM,
 * then kill) and deletes the work directory (not the data directory). Debian's build writes no
 * {@code lock} file unless started with {@code --storage.tsdb.use-lockfile} (see {@link Builder#extraArgs}).
 *
 * <pre>{@code
 * TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("gen"), 10, 4, 15);
 * PrometheusServer.backfill(data.blockDirs(), tmp.resolve("data"));
 * try (PrometheusServer prom = PrometheusServer.builder(tmp.resolve("data")).start()) {
 *     JsonNode result = prom.queryInstant("count(drill_test_metric)", data.lastTsMs() / 1000);
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final int START_ATTEMPTS = 3;

    private final Path dataDir;
    private final Path workDir;
    private final Path logFile;
    private final int port;
    private final URI baseUrl;
    private final Process process;
    private final Thread shutdownHook;
    private final HttpClient http;
    /** The web config the server runs with (TLS, basic auth), or null. */
    private final PrometheusWebConfig webConfig;

    private PrometheusServer(Path dataDir, Path workDir, Path logFile, int port, Process process, PrometheusWebConfig webConfig) {
        this.dataDir = dataDir;
        this.workDir = workDir;
        this.logFile = logFile;
        this.port = port;
        this.webConfig = webConfig;
        boolean tls = webConfig != null && webConfig.tls();
        this.baseUrl = URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port);
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls) {
            webConfig.clientTrust().ifPresent(client::sslContext);
        }
        this.http = client.build();
        this.process = process;
        // A crashed test run must not leave a server behind.
        this.shutdownHook = new Thread(process::destroyForcibly, "prometheus-server-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts with the admin API enabled and no scrape targets. */
    public static PrometheusServer start(Path dataDir) {
        return builder(dataDir).start();
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /**
     * Copies generated block directories into {@code dataDir} (created if missing), as the
     * backfilling docs describe. Do it before {@link Builder#start()}: a running Prometheus only
     * picks up new blocks at its next reload.
     */
    public static void backfill(List<Path> blockDirs, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            for (Path block : blockDirs) {
                TreeCopy.copy(block, dataDir.resolve(block.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Instant query at the server's current time; returns {@code data} ({@code resultType}, {@code result}). */
    public JsonNode query(String promql) {
        return apiGet("/api/v1/query?query=" + encode(promql));
    }

    /** Instant query evaluated at {@code timeSec} (epoch seconds); returns {@code data}. */
    public JsonNode queryInstant(String promql, long timeSec) {
        return apiGet("/api/v1/query?query=" + encode(promql) + "&time=" + timeSec);
    }

    /**
     * Polls an instant query (now) until it returns a non-empty result, e.g. {@code up} once a
     * self-scrape happened; returns {@code data}, or fails after {@code timeout} with the log tail.
     */
    public JsonNode awaitNonEmpty(String promql, Duration timeout) {
        return Poll.until(timeout, POLL_INTERVAL, () -> {
            JsonNode data = query(promql);
            return data.path("result").isEmpty() ? null : data;
        }, () -> promql + " still empty after " + timeout.toSeconds() + " s\n" + logTail(20));
    }

    /** The value of a query that yields exactly one sample or a scalar, e.g. {@code count(up)}. */
    public double queryValue(String promql, long timeSec) {
        JsonNode data = queryInstant(promql, timeSec);
        JsonNode result = data.path("result");
        JsonNode value = "scalar".equals(data.path("resultType").asText()) ? result
                : result.size() == 1 ? result.get(0).path("value") : null;
        if (value == null) {
            throw new IllegalStateException("expected one sample from " + promql + ", got " + data);
        }
        return Double.parseDouble(value.get(1).asText());
    }

    /**
     * GET an API path (e.g. {@code /api/v1/status/buildinfo}); returns {@code data} of a
     * {@code "status":"success"} answer, else fails with the answer and the log tail.
     */
    public JsonNode apiGet(String pathAndQuery) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery)).GET());
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() == 200 && "success".equals(body.path("status").asText())) {
                return body.path("data");
            }
        } catch (IOException e) {
            // fall through: report the raw answer below
        }
        throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                + response.body() + "\n" + logTail(20));
    }

    /** Sends a request to this server and returns the raw answer. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        if (webConfig != null) {
            webConfig.authorization().ifPresent(value -> request.setHeader("Authorization", value));
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getClass().getSimpleName() + " talking to " + baseUrl
                    + "\n" + logTail(20), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last {@code lines} lines of the server log. */
    public String logTail(int lines) {
        return LogFiles.tail(logFile, lines);
    }

    /** Stops the server (SIGTERM, up to 15 s, then SIGKILL) and deletes its work directory. */
    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            removeShutdownHook();
            FileTrees.deleteQuietly(workDir);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook will run anyway
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Options of the server to start. */
    public static final class Builder {
        private final Path dataDir;
        private boolean adminApi = true;
        private boolean scrapeSelf;
        private Duration startTimeout = Duration.ofSeconds(30);
        private final List<String> extraArgs = new ArrayList<>();
        private final List<String> extraTargets = new ArrayList<>();
        private PrometheusWebConfig webConfig;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** {@code --web.enable-admin-api} (default on); off to test the disabled case. */
        public Builder adminApi(boolean enabled) {
            this.adminApi = enabled;
            return this;
        }

        /**
         * Scrape the server itself every second (default off: no scrape targets at all). The first
         * scrape comes about 5 s after start (Prometheus throttles discovery updates); wait for it
         * with {@link #awaitNonEmpty}.
         */
        public Builder scrapeSelf(boolean enabled) {
            this.scrapeSelf = enabled;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Also scrape {@code hostPort} every second (job "extra", labels honored), e.g. a Pushgateway. */
        public Builder scrapeTarget(String hostPort) {
            extraTargets.add(hostPort);
            return this;
        }

        /** Additional command-line flags, e.g. {@code --storage.tsdb.use-lockfile}. */
        public Builder extraArgs(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /**
         * Serve with {@code --web.config.file}: TLS and/or basic auth ({@link PrometheusWebConfig}). The
         * base URL is then https, and the harness's own requests (readiness, queries) trust the test CA
         * and send the credentials.
         */
        public Builder webConfig(PrometheusWebConfig webConfig) {
            this.webConfig = webConfig;
            return this;
        }

        /** Starts the server and waits until {@code /-/ready} answers 200. */
        public PrometheusServer start() {
            Path binary = ExternalBinary.locate("PROMETHEUS_BIN", "prometheus");
            try {
                Files.createDirectories(dataDir);
                Path workDir = Files.createTempDirectory("prometheus-server-");
                List<String> args = new ArrayList<>(extraArgs);
                if (webConfig != null) {
                    args.add("--web.config.file=" + webConfig.write(workDir));
                }
                IllegalStateException lastFailure = null;
                // Another process may grab the free port between probing and binding it: retry then.
                for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                    int port = PrometheusCommandLine.freePort();
                    Path config = PrometheusCommandLine.writeConfig(workDir, port, scrapeSelf, extraTargets);
                    Path log = workDir.resolve("prometheus-" + attempt + ".log");
                    Process process = new ProcessBuilder(
                            PrometheusCommandLine.command(binary, config, dataDir, port, adminApi, args))
                            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                    PrometheusServer server = new PrometheusServer(dataDir, workDir, log, port, process, webConfig);
                    try {
                        ReadinessProbe.await(server.baseUrl.resolve("/-/ready"), server.http,
                                webConfig == null ? null : webConfig.authorization().orElse(null), process,
                                () -> server.logTail(40), startTimeout, POLL_INTERVAL);
                        return server;
                    } catch (IllegalStateException e) {
                        String tail = server.logTail(40);
                        server.stopKeepingWorkDir();
                        lastFailure = e;
                        if (!tail.contains("address already in use")) {
                            FileTrees.deleteQuietly(workDir);
                            throw e;
                        }
                    }
                }
                FileTrees.deleteQuietly(workDir);
                throw lastFailure;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Stops a server that failed to start, leaving its work directory for the next attempt. */
    private void stopKeepingWorkDir() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeShutdownHook();
    }
}
