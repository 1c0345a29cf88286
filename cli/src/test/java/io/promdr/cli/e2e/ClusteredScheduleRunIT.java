package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.testing.Poll;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code promdr schedule run} processes (the packaged jar) on one PostgreSQL job repository
 * (scripts/setup.sh's, a schema of this test): a backup schedule firing every second runs each
 * firing on one replica only (no two backup runs overlap, however many replicas), the Quartz and
 * Spring Batch tables are created in that schema, and both replicas stop on SIGTERM.
 */
class ClusteredScheduleRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern ENDPOINT = Pattern.compile("metrics on (http://127\\.0\\.0\\.1:\\d+)/metrics");
    private static final Pattern SUCCESSES = Pattern.compile("promdr_schedule_runs_total\\{[^}]*result=\"success\"} (\\d+)");

    @TempDir
    Path dir;

    private String baseUrl;
    private String user;
    private String password;
    private String schema;
    private PrometheusServer prometheus;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws SQLException {
        baseUrl = required("PROMDR_TEST_PG_URL");
        user = required("PROMDR_TEST_PG_USER");
        password = required("PROMDR_TEST_PG_PASSWORD");
        schema = "promdr_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        TsdbTestData.Expected data = TsdbTestData.generate(dir.resolve("generated"), 3, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), dir.resolve("prometheus-data"));
        prometheus = PrometheusServer.start(dir.resolve("prometheus-data"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        processes.forEach(Process::destroyForcibly);
        if (prometheus != null) {
            prometheus.close();
        }
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void twoReplicasRunEachFiringOnce() throws Exception {
        Path config = dir.resolve("promdr.yaml");
        Files.writeString(config, """
                repository:
                  uri: %s
                sources:
                  prod:
                    prometheus: {url: "%s", dataDir: "%s"}
                schedules:
                  every-second: {job: backup, source: prod, cron: "* * * * * ?"}
                scheduler:
                  port: 0
                """.formatted(dir.resolve("repo").toUri(), prometheus.baseUrl(), prometheus.dataDir()));
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "PROMDR_CONFIG", config.toString(),
                "PROMDR_JOB_REPOSITORY_URL", baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "PROMDR_JOB_REPOSITORY_USERNAME", user, "PROMDR_JOB_REPOSITORY_PASSWORD", password));
        CliRunner cli = new CliRunner(env);
        assertThat(cli.run("init").exitCode()).isZero();

        List<String> endpoints = new ArrayList<>();
        for (String id : List.of("replica-a", "replica-b")) {
            Path out = dir.resolve(id + ".out");
            Process p = promdrJar(env, out, dir.resolve(id + ".err"), "schedule", "run", "--instance-id", id);
            processes.add(p);
            endpoints.add(Poll.until(TIMEOUT, POLL, () -> {
                Matcher m = ENDPOINT.matcher(read(out));
                return m.find() ? m.group(1) : alive(p, id);
            }, () -> id + " printed no endpoint\n" + read(out) + read(dir.resolve(id + ".err"))));
        }
        Poll.until(TIMEOUT, POLL, () -> endpoints.stream().mapToInt(ClusteredScheduleRunIT::successes).sum() >= 4 ? true : null,
                () -> "fewer than 4 runs\n" + read(dir.resolve("replica-a.err")) + read(dir.resolve("replica-b.err")));
        for (Process p : processes) {
            p.destroy(); // SIGTERM
        }
        for (Process p : processes) {
            assertThat(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("replica exits after SIGTERM").isTrue();
        }

        JsonNode runs = JSON.readTree(ok(cli.run("history", "--job", "backup", "-o", "json", "--limit", "1000")).out());
        List<Instant[]> spans = new ArrayList<>();
        Set<String> completed = new HashSet<>();
        runs.forEach(r -> {
            if (r.path("status").asText().equals("COMPLETED")) {
                completed.add(r.path("backupId").asText());
                spans.add(new Instant[] {Instant.parse(r.path("startedAt").asText()), Instant.parse(r.path("endedAt").asText())});
            }
        });
        assertThat(completed.size()).isGreaterThanOrEqualTo(4);
        spans.sort((x, y) -> x[0].compareTo(y[0]));
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("runs never overlap across replicas\n" + runs.toPrettyString())
                    .isAfterOrEqualTo(spans.get(i - 1)[1]);
        }
        Set<String> listed = new HashSet<>();
        JSON.readTree(ok(cli.run("list", "-o", "json")).out()).forEach(b -> listed.add(b.path("id").asText()));
        assertThat(listed).containsAll(completed);
        assertThat(tablesInSchema()).contains("qrtz_locks", "qrtz_triggers", "qrtz_fired_triggers", "batch_job_execution");
    }

    private static int successes(String endpoint) {
        try {
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = SUCCESSES.matcher(text);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> tablesInSchema() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static <T> T alive(Process p, String id) {
        if (!p.isAlive()) {
            throw new AssertionError(id + " exited with " + p.exitValue());
        }
        return null;
    }

    private static Result ok(Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private Process promdrJar(Map<String, String> env, Path stdout, Path stderr, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("promdr.jar", "target/promdr.jar"));
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        List<String> command = Stream.concat(
                Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()),
                Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMDR_"));
        builder.environment().putAll(env);
        builder.environment().put("PROMDR_STATE_DIR", dir.resolve("state-" + stdout.getFileName()).toString());
        return builder.start();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError(name + " is not set: this test needs the PostgreSQL that scripts/setup.sh starts. "
                    + "Run scripts/test.sh, or export PROMDR_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/promdr_test "
                    + "PROMDR_TEST_PG_USER=promdr PROMDR_TEST_PG_PASSWORD=promdr-test-password");
        }
        return value;
    }
}
