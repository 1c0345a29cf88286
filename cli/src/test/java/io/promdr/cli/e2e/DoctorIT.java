package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.cli.schema.JsonSchemas;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.PushgatewayServer;
import io.promdr.core.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promdr doctor} against a healthy setup (a real Prometheus with its admin API, an S3
 * repository on S3Proxy, a Pushgateway) and against each broken one: admin API off, bucket
 * missing, read-only bucket, repository not initialised, Prometheus unreachable, wrong data
 * directory, Pushgateway down. Every JSON output is checked against docs/schemas/doctor.schema.json.
 */
class DoctorIT {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    static Path shared;

    static PrometheusServer prometheus;
    static PrometheusServer adminApiOff;

    @TempDir
    Path dir;

    private final List<Result> results = new ArrayList<>();

    @BeforeAll
    static void startPrometheus() {
        prometheus = PrometheusServer.start(shared.resolve("with-admin-api"));
        adminApiOff = PrometheusServer.builder(shared.resolve("without-admin-api")).adminApi(false).start();
    }

    @AfterAll
    static void stopPrometheus() {
        for (PrometheusServer p : new PrometheusServer[] {prometheus, adminApiOff}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void healthyS3SetupPassesEveryCheckAndLeavesNothingInTheBucket() throws Exception {
        String bucket = S3.newBucket();
        CliRunner cli = cli(s3Config(S3ProxyServer.repositoryUri(bucket, "prod")));
        assertThat(run(cli, "init").exitCode()).isZero();

        Result json = run(cli, "doctor", "-o", "json", "--prometheus", prometheus.baseUrl().toString(),
                "--data-dir", prometheus.dataDir().toString());
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode report = JsonSchemas.assertValid("doctor", json.out());
        assertThat(statuses(report)).containsExactly(
                Map.entry("config", "ok"), Map.entry("repository", "ok"), Map.entry("repository.writable", "ok"),
                Map.entry("repository.clock", "ok"), Map.entry("prometheus.reachable", "ok"),
                Map.entry("prometheus.admin-api", "ok"), Map.entry("prometheus.data-dir", "ok"),
                Map.entry("prometheus.free-space", "ok"));
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(check(report, "prometheus.reachable").path("detail").asText()).startsWith("Prometheus 2.");
        assertThat(check(report, "prometheus.reachable").path("source").asText()).isEqualTo("default");
        assertThat(json.err()).isEmpty();
        // The write probe was removed again: only the repository marker is in the bucket.
        assertThat(EndToEndSupport.keys(S3, bucket)).containsExactly("prod/repository.json");

        Result table = run(cli, "doctor", "--prometheus", prometheus.baseUrl().toString(),
                "--data-dir", prometheus.dataDir().toString());
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("prometheus.admin-api").contains("admin API enabled")
                .contains("ready to back up: 8 ok, 0 warning(s), 0 failed, 0 skipped");
    }

    @Test
    void adminApiOffFailsWithTheFlagToSet() throws Exception {
        CliRunner cli = cli(fileRepository());
        Result r = run(cli, "doctor", "-o", "json", "--prometheus", adminApiOff.baseUrl().toString(),
                "--data-dir", adminApiOff.dataDir().toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        JsonNode report = JsonSchemas.assertValid("doctor", r.out());
        JsonNode admin = check(report, "prometheus.admin-api");
        assertThat(admin.path("status").asText()).isEqualTo("failed");
        assertThat(admin.path("hint").asText()).isEqualTo("start Prometheus with --web.enable-admin-api");
        assertThat(report.path("failed").asInt()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: 1 check(s) failed, first: prometheus.admin-api: Prometheus at "
                + adminApiOff.baseUrl().toString().replaceAll("/$", "") + " has its admin API disabled"
                + " — hint: start Prometheus with --web.enable-admin-api");
        // Nothing was snapshotted by asking.
        assertThat(adminApiOff.dataDir().resolve("snapshots")).doesNotExist();
    }

    @Test
    void missingBucketFailsTheRepositoryAndSkipsWhatNeedsIt() throws Exception {
        CliRunner cli = cli(s3Config(S3ProxyServer.repositoryUri("no-such-bucket-" + System.nanoTime(), "p")));
        Result r = healthyPrometheusDoctor(cli);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        JsonNode report = JsonSchemas.assertValid("doctor", r.out());
        assertThat(check(report, "repository").path("status").asText()).isEqualTo("failed");
        assertThat(check(report, "repository").path("detail").asText()).contains("no-such-bucket");
        assertThat(check(report, "repository").path("hint").asText()).isNotBlank();
        assertThat(check(report, "repository.writable").path("status").asText()).isEqualTo("skipped");
        assertThat(check(report, "repository.clock").path("status").asText()).isEqualTo("skipped");
        assertThat(check(report, "prometheus.admin-api").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void readOnlyBucketFailsTheWriteProbe() throws Exception {
        try (ReadOnlyS3Proxy s3 = new ReadOnlyS3Proxy()) {
            String uri = S3ProxyServer.repositoryUri(s3.bucket, "prod");
            assertThat(run(cli(s3Config(uri, s3.writableEndpoint().toString())), "init").exitCode()).isZero();

            Result r = healthyPrometheusDoctor(cli(s3Config(uri, s3.readOnlyEndpoint().toString())));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
            JsonNode report = JsonSchemas.assertValid("doctor", r.out());
            assertThat(check(report, "repository").path("status").asText()).isEqualTo("ok");
            JsonNode writable = check(report, "repository.writable");
            assertThat(writable.path("status").asText()).isEqualTo("failed");
            assertThat(writable.path("detail").asText()).startsWith("cannot write to s3://read-only/prod");
            assertThat(writable.path("hint").asText()).contains("s3:PutObject");
            assertThat(check(report, "repository.clock").path("status").asText()).isEqualTo("skipped");
        }
    }

    @Test
    void uninitialisedRepositoryFailsWithTheInitHint() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-repo"));
        Result r = healthyPrometheusDoctor(cli(config("repository:\n  uri: " + empty.toUri() + "\n")));
        assertThat(r.exitCode()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        JsonNode repository = check(JsonSchemas.assertValid("doctor", r.out()), "repository");
        assertThat(repository.path("status").asText()).isEqualTo("failed");
        assertThat(repository.path("hint").asText()).contains("promdr init");
    }

    @Test
    void unreachablePrometheusFailsAndSkipsTheAdminApiCheck() throws Exception {
        CliRunner cli = cli(fileRepository());
        Result r = run(cli, "doctor", "-o", "json", "--prometheus", "http://127.0.0.1:" + EndToEndSupport.closedPort(),
                "--data-dir", prometheus.dataDir().toString());
        assertThat(r.exitCode()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        JsonNode report = JsonSchemas.assertValid("doctor", r.out());
        assertThat(check(report, "prometheus.reachable").path("status").asText()).isEqualTo("failed");
        assertThat(check(report, "prometheus.reachable").path("detail").asText()).contains("unreachable");
        assertThat(check(report, "prometheus.admin-api").path("status").asText()).isEqualTo("skipped");
        assertThat(check(report, "prometheus.data-dir").path("status").asText()).isEqualTo("ok");
        assertThat(check(report, "repository.writable").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void wrongDataDirectoryNamesPrometheusOwnPath() throws Exception {
        Path notTsdb = Files.createDirectories(dir.resolve("not-tsdb"));
        Result r = run(cli(fileRepository()), "doctor", "-o", "json", "--prometheus", prometheus.baseUrl().toString(),
                "--data-dir", notTsdb.toString());
        assertThat(r.exitCode()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        JsonNode report = JsonSchemas.assertValid("doctor", r.out());
        JsonNode dataDir = check(report, "prometheus.data-dir");
        assertThat(dataDir.path("status").asText()).isEqualTo("failed");
        assertThat(dataDir.path("detail").asText()).contains("no wal/");
        assertThat(dataDir.path("hint").asText()).contains("--storage.tsdb.path=" + prometheus.dataDir());
        assertThat(check(report, "prometheus.free-space").path("status").asText()).isEqualTo("skipped");
    }

    @Test
    void pushgatewayDownIsAWarningUnlessRequired() throws Exception {
        Path repo = initialisedFileRepository();
        String down = "http://127.0.0.1:" + EndToEndSupport.closedPort();
        Result optional = healthyPrometheusDoctor(cli(config("repository:\n  uri: " + repo.toUri()
                + "\nmetrics:\n  pushgateway:\n    url: " + down + "\n")));
        assertThat(optional.exitCode()).as(optional.toString()).isZero();
        JsonNode warning = check(JsonSchemas.assertValid("doctor", optional.out()), "pushgateway");
        assertThat(warning.path("status").asText()).isEqualTo("warning");

        Result required = healthyPrometheusDoctor(cli(config("repository:\n  uri: " + repo.toUri()
                + "\nmetrics:\n  pushgateway:\n    url: " + down + "\n    required: true\n")));
        assertThat(required.exitCode()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        assertThat(check(JsonSchemas.assertValid("doctor", required.out()), "pushgateway").path("status").asText())
                .isEqualTo("failed");

        try (PushgatewayServer pushgateway = PushgatewayServer.startWithBasicAuth()) {
            Result up = healthyPrometheusDoctor(cli(config("repository:\n  uri: " + repo.toUri()
                    + "\nmetrics:\n  pushgateway:\n    url: " + pushgateway.url() + "\n    username: "
                    + PushgatewayServer.USER + "\n    password: " + PushgatewayServer.PASSWORD + "\n    required: true\n")));
            assertThat(up.exitCode()).as(up.toString()).isZero();
            assertThat(check(JsonSchemas.assertValid("doctor", up.out()), "pushgateway").path("status").asText())
                    .isEqualTo("ok");
            assertThat(up.all()).doesNotContain(PushgatewayServer.PASSWORD);
        }
    }

    @Test
    void invalidConfigurationIsTheConfigCheckFailing() throws Exception {
        Result r = run(cli(config("repository:\n  uri: file:///tmp/x\nno-such-key: 1\n")), "doctor", "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        JsonNode report = JsonSchemas.assertValid("doctor", r.out());
        assertThat(report.path("checks")).hasSize(1);
        assertThat(check(report, "config").path("status").asText()).isEqualTo("failed");
        assertThat(check(report, "config").path("detail").asText()).contains("no-such-key");
    }

    private Result healthyPrometheusDoctor(CliRunner cli) {
        return run(cli, "doctor", "-o", "json", "--prometheus", prometheus.baseUrl().toString(),
                "--data-dir", prometheus.dataDir().toString());
    }

    private Path initialisedFileRepository() {
        Path repo = dir.resolve("repo");
        assertThat(run(new CliRunner(Map.of("HOME", dir.toString())), "init", "--repository", repo.toString()).exitCode())
                .isZero();
        return repo;
    }

    private Path fileRepository() throws IOException {
        return config("repository:\n  uri: " + initialisedFileRepository().toUri() + "\n");
    }

    private Path s3Config(String uri) throws IOException {
        return EndToEndSupport.s3Config(dir, S3, uri, S3.secretKey());
    }

    private Path s3Config(String uri, String endpoint) throws IOException {
        return config("""
                repository:
                  uri: %s
                  s3:
                    endpoint: %s
                    region: %s
                    pathStyle: true
                    accessKeyId: %s
                    secretAccessKey: %s
                """.formatted(uri, endpoint, S3ProxyServer.REGION, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
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
        assertThat(r.all()).doesNotContain(S3ProxyServer.SECRET_KEY);
        return r;
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    private static Map<String, String> statuses(JsonNode report) {
        Map<String, String> statuses = new LinkedHashMap<>();
        report.path("checks").forEach(c -> statuses.put(c.path("name").asText(), c.path("status").asText()));
        return statuses;
    }
}
