package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.testing.BearerTokenProxy;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.PrometheusWebConfig;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TestCertificates;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * promdr against secured servers, end to end through the CLI: a real Prometheus with
 * {@code --web.config.file} (basic auth over TLS, certificate of a throwaway CA), a bearer-token
 * proxy in front of a plain Prometheus (as kube-rbac-proxy), and S3Proxy over https. No password
 * or token ever appears in what promdr prints.
 */
class PrometheusSecurityEndToEndIT {
    static final String USER = "promdr-backup";
    static final String PASSWORD = "prom-basic-test-password";
    static final String WRONG_PASSWORD = "prom-wrong-test-password";
    static final String TOKEN = "prom-bearer-token-one";
    static final String ROTATED_TOKEN = "prom-bearer-token-two";
    private static final List<String> SECRETS = List.of(PASSWORD, WRONG_PASSWORD, TOKEN, ROTATED_TOKEN, S3ProxyServer.SECRET_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static TestCertificates certs;
    static TsdbTestData.Expected data;
    static PrometheusServer secured;
    static PrometheusServer plain;

    @TempDir
    Path dir;

    private final List<Result> results = new ArrayList<>();

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(shared.resolve("tls"));
        data = TsdbTestData.generate(shared.resolve("generated"), 3, 3, 60);
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("secured"));
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("plain"));
        secured = PrometheusServer.builder(shared.resolve("secured"))
                .webConfig(PrometheusWebConfig.create().tls(certs, certs.server()).basicAuth(USER, PASSWORD)).start();
        plain = PrometheusServer.start(shared.resolve("plain"));
    }

    @AfterAll
    static void stop() {
        for (PrometheusServer server : new PrometheusServer[] {secured, plain}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @AfterEach
    void noSecretPrinted() {
        for (Result r : results) {
            for (String secret : SECRETS) {
                assertThat(r.all()).as(r.args().toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    void basicAuthOverTlsWithTheCaFileBacksUpAndDoctorPasses() throws IOException {
        CliRunner cli = cli(securedConfig("tls:\n    caFile: " + certs.caFile()));
        Result backup = run(cli, "backup");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.out()).contains(data.blockDirs().size() + " blocks, " + data.blockDirs().size() + " uploaded");
        assertThat(backup.err()).isEmpty();
        // The snapshot Prometheus made for it is gone again.
        assertThat(secured.dataDir().resolve("snapshots")).isEmptyDirectory();

        Result doctor = run(cli, "doctor", "-o", "json");
        JsonNode report = JSON.readTree(doctor.out());
        assertThat(status(report, "prometheus.reachable")).isEqualTo("ok");
        assertThat(status(report, "prometheus.admin-api")).isEqualTo("ok");
    }

    @Test
    void aWrongPasswordExits16AndIsNeverPrinted() throws IOException {
        CliRunner cli = cli(securedConfig("tls:\n    caFile: " + certs.caFile()))
                .env("PROMDR_PROMETHEUS_PASSWORD", WRONG_PASSWORD);
        Result backup = run(cli, "backup");
        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(ErrorCode.PROMETHEUS_AUTH_FAILED.exitCode()).isEqualTo(16);
        assertThat(backup.err().strip()).isEqualTo("error: Prometheus at " + secured.baseUrl()
                + " answered HTTP 401: it refused basic auth as " + USER + ", password from PROMDR_PROMETHEUS_PASSWORD"
                + " — hint: check prometheus.basicAuth (username, passwordFile or PROMDR_PROMETHEUS_PASSWORD) or"
                + " prometheus.bearerTokenFile, and that this user may call the API");

        // With -v: stack trace and INFO logs, still no password (checked after each test).
        Result verbose = run(cli, "backup", "-v");
        assertThat(verbose.exitCode()).isEqualTo(16);
        assertThat(verbose.err()).contains("PromdrException");

        Result doctor = run(cli, "doctor", "-o", "json");
        assertThat(doctor.exitCode()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        JsonNode reachable = check(JSON.readTree(doctor.out()), "prometheus.reachable");
        assertThat(reachable.path("status").asText()).isEqualTo("failed");
        assertThat(reachable.path("detail").asText()).contains("answered HTTP 401");
    }

    @Test
    void anUnknownCaExits17WithTheCaFileHint() throws IOException {
        CliRunner cli = cli(securedConfig(""));
        Result backup = run(cli, "backup");
        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(ErrorCode.PROMETHEUS_TLS_FAILED.exitCode()).isEqualTo(17);
        assertThat(backup.err().strip()).isEqualTo("error: TLS connection to Prometheus at " + secured.baseUrl()
                + " failed: the server's certificate is not signed by a trusted CA — hint: set prometheus.tls.caFile to the PEM"
                + " file of the CA that signed it (or fix the server's certificate chain)");

        JsonNode reachable = check(JSON.readTree(run(cli, "doctor", "-o", "json").out()), "prometheus.reachable");
        assertThat(reachable.path("status").asText()).isEqualTo("failed");
        assertThat(reachable.path("detail").asText()).endsWith("failed: the server's certificate is not signed by a trusted CA");
        assertThat(reachable.path("hint").asText()).startsWith("set prometheus.tls.caFile");
    }

    @Test
    void insecureSkipVerifyBacksUpAndWarnsOnEveryRun() throws IOException {
        CliRunner cli = cli(securedConfig("tls:\n    insecureSkipVerify: true"));
        for (int run = 0; run < 2; run++) {
            Result backup = run(cli, "backup");
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            assertThat(backup.err()).isEqualTo("warning: TLS certificate verification of Prometheus is off"
                    + " (prometheus.tls.insecureSkipVerify: true): anyone on the network path can read and change the traffic"
                    + System.lineSeparator());
        }
    }

    @Test
    void aSourcesBearerTokenFileIsReadAgainAfterRotation() throws IOException {
        try (BearerTokenProxy proxy = BearerTokenProxy.start(plain.baseUrl(), TOKEN)) {
            Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
            CliRunner cli = cli(config("""
                    repository:
                      uri: %s
                    sources:
                      edge:
                        prometheus:
                          url: %s
                          dataDir: %s
                          bearerTokenFile: %s
                    """.formatted(repository(), proxy.url(), plain.dataDir(), token)));
            assertThat(run(cli, "backup").exitCode()).isZero();

            proxy.acceptOnly(ROTATED_TOKEN);
            Files.writeString(token, ROTATED_TOKEN + "\n");
            Result rotated = run(cli, "backup");
            assertThat(rotated.exitCode()).as(rotated.toString()).isZero();

            proxy.acceptOnly("prom-bearer-token-three");
            Result stale = run(cli, "backup");
            assertThat(stale.exitCode()).isEqualTo(ErrorCode.PROMETHEUS_AUTH_FAILED.exitCode());
            assertThat(stale.err()).contains("it refused bearer token from sources.edge.prometheus.bearerTokenFile (" + token + ")")
                    .contains("hint: check sources.edge.prometheus.basicAuth");
        }
    }

    @Test
    void anS3EndpointOverHttpsNeedsItsCaFileElseExits29() throws IOException {
        try (S3ProxyServer s3 = new S3ProxyServer(certs.server()).start()) {
            String uri = S3ProxyServer.repositoryUri(s3.newBucket(), "tls");
            String s3Keys = """
                    repository:
                      uri: %s
                      s3:
                        endpoint: %s
                        region: %s
                        pathStyle: true
                        accessKeyId: %s
                        secretAccessKey: %s
                    """.formatted(uri, s3.endpoint(), S3ProxyServer.REGION, s3.accessKey(), s3.secretKey());
            Result untrusted = run(cli(config(s3Keys)), "init");
            assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(ErrorCode.REPOSITORY_TLS_FAILED.exitCode())
                    .isEqualTo(29);
            assertThat(untrusted.err()).contains("failed: the server's certificate is not signed by a trusted CA")
                    .contains("hint: set repository.s3.caFile");

            CliRunner trusted = cli(config(s3Keys + "    caFile: " + certs.caFile() + "\n"));
            Result init = run(trusted, "init");
            assertThat(init.exitCode()).as(init.toString()).isZero();
            assertThat(run(trusted, "list").exitCode()).isZero();
        }
    }

    private Path securedConfig(String tls) throws IOException {
        Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        return config("""
                repository:
                  uri: %s
                prometheus:
                  url: %s
                  dataDir: %s
                  basicAuth:
                    username: %s
                    passwordFile: %s
                  %s
                """.formatted(repository(), secured.baseUrl(), secured.dataDir(), USER, password, tls));
    }

    /** A file repository of its own for each test, initialised. */
    private String repository() {
        Path repo = dir.resolve("repo");
        if (!Files.isDirectory(repo)) {
            assertThat(run(new CliRunner(Map.of("HOME", dir.toString())), "init", "--repository", repo.toString()).exitCode())
                    .isZero();
        }
        return repo.toUri().toString();
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "promdr-", ".yaml"), yaml);
    }

    private CliRunner cli(Path config) {
        return new CliRunner(Map.of("HOME", dir.toString())).env("PROMDR_CONFIG", config.toString());
    }

    private Result run(CliRunner cli, String... args) {
        Result r = cli.run(args);
        results.add(r);
        return r;
    }

    private static String status(JsonNode report, String name) {
        return check(report, name).path("status").asText();
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }
}
