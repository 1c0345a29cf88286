package io.promdr.core.testing;

import io.promdr.core.fs.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus Pushgateway ({@code prometheus-pushgateway}, Debian package of the same name,
 * or env {@code PUSHGATEWAY_BIN}) on a random 127.0.0.1 port, without persistence. With
 * {@link #startWithBasicAuth} it accepts only the user {@value #USER} with {@value #PASSWORD}.
 * {@link #close()} stops it and deletes its work directory.
 */
public final class PushgatewayServer implements AutoCloseable {
    public static final String USER = "promdr";
    public static final String PASSWORD = "pushgateway-test-password";
    /** bcrypt of {@link #PASSWORD} (cost 4), as the exporter-toolkit web config wants it. */
    private static final String PASSWORD_BCRYPT = "$2b$04$lQMfCEPv/iNjVcIi1kMp.O0ET7ppcBtzbOCngtN2qenanATZSdM6y";
    private static final int START_ATTEMPTS = 3;

    private final Path workDir;
    private final Path log;
    private final Process process;
    private final URI url;
    private final HttpClient http;
    private final boolean basicAuth;

    private PushgatewayServer(Path workDir, Path log, Process process, int port, boolean basicAuth, TestCertificates tls) {
        this.workDir = workDir;
        this.log = log;
        this.process = process;
        this.basicAuth = basicAuth;
        this.url = URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port);
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            client.sslContext(tls.clientContext());
        }
        this.http = client.build();
    }

    public static PushgatewayServer start() {
        return start(false);
    }

    public static PushgatewayServer startWithBasicAuth() {
        return start(true);
    }

    /** Serving https only, with {@code certs}' server certificate (127.0.0.1); the harness trusts the test CA. */
    public static PushgatewayServer startWithTls(TestCertificates certs) {
        return start(false, certs);
    }

    private static PushgatewayServer start(boolean basicAuth) {
        return start(basicAuth, null);
    }

    private static PushgatewayServer start(boolean basicAuth, TestCertificates tls) {
        Path binary = ExternalBinary.locate("PUSHGATEWAY_BIN", "prometheus-pushgateway");
        try {
            Path workDir = Files.createTempDirectory("pushgateway-");
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = PrometheusCommandLine.freePort();
                List<String> command = new ArrayList<>(List.of(binary.toString(),
                        "--web.listen-address=127.0.0.1:" + port, "--persistence.file="));
                String webConfig = (basicAuth ? "basic_auth_users:\n  " + USER + ": " + PASSWORD_BCRYPT + "\n" : "")
                        + (tls == null ? "" : "tls_server_config:\n  cert_file: " + tls.server().certFile()
                        + "\n  key_file: " + tls.server().keyFile() + "\n");
                if (!webConfig.isEmpty()) {
                    command.add("--web.config.file=" + Files.writeString(workDir.resolve("web.yml"), webConfig));
                }
                Path log = workDir.resolve("pushgateway-" + attempt + ".log");
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                PushgatewayServer server = new PushgatewayServer(workDir, log, process, port, basicAuth, tls);
                try {
                    // /-/ready is behind basic auth too; the listening socket is what matters here.
                    ReadinessProbe.awaitListening(port, process, () -> LogFiles.tail(log, 20), Duration.ofSeconds(20),
                            Duration.ofMillis(50));
                    return server;
                } catch (IllegalStateException e) {
                    server.stop();
                    last = e;
                    if (!LogFiles.tail(log, 20).contains("address already in use")) {
                        break;
                    }
                }
            }
            FileTrees.deleteQuietly(workDir);
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<port>}, as a scrape target. */
    public String hostPort() {
        return url.getAuthority();
    }

    /** Base URL, {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return url;
    }

    /** Pushes {@code exposition} (text format) as the group of {@code job}, replacing it. */
    public void push(String job, String exposition) {
        send(request("/metrics/job/" + job).PUT(HttpRequest.BodyPublishers.ofString(exposition)), 200);
    }

    /** Deletes the group of {@code job}: a Prometheus scraping this gateway then marks its series stale. */
    public void delete(String job) {
        send(request("/metrics/job/" + job).DELETE(), 202);
    }

    /** The Pushgateway's own /metrics: every pushed group, with the labels of its grouping key. */
    public String metrics() {
        return send(request("/metrics").GET(), 200);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(10));
        if (basicAuth) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private String send(HttpRequest.Builder request, int expectedStatus) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The lines of {@link #metrics()} that belong to metric families starting with {@code prefix} (HELP and TYPE included). */
    public String families(String prefix) {
        StringBuilder out = new StringBuilder();
        for (String line : metrics().split("\n")) {
            String name = line.startsWith("# HELP ") || line.startsWith("# TYPE ") ? line.substring(7) : line;
            if (name.startsWith(prefix)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        stop();
        FileTrees.deleteQuietly(workDir);
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
