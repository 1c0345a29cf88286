package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.testing.Poll;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.Promtool;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promdr schedule run} as users run it: the packaged jar in its own process, a schedule
 * firing every second that launches the real backup job against a real Prometheus, /metrics and
 * /healthz on a free loopback port, and SIGTERM. Then {@code promdr history} shows the runs, none
 * overlapping another, each with the backup it committed.
 */
class ScheduleRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Pattern ENDPOINT = Pattern.compile("metrics on (http://127\\.0\\.0\\.1:\\d+)/metrics");
    private static final Pattern SUCCESSES = Pattern.compile(
            "promdr_schedule_runs_total\\{schedule=\"every-second\",kind=\"backup\",source=\"prod\",result=\"success\"} (\\d+)");

    @TempDir
    Path dir;

    private PrometheusServer prometheus;
    private Process process;

    @BeforeEach
    void startPrometheus() {
        TsdbTestData.Expected data = TsdbTestData.generate(dir.resolve("generated"), 3, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), dir.resolve("prometheus-data"));
        prometheus = PrometheusServer.start(dir.resolve("prometheus-data"));
    }

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void backupsEverySecondUntilSigterm() throws Exception {
        Path config = dir.resolve("promdr.yaml");
        Files.writeString(config, """
                repository:
                  uri: %s
                sources:
                  prod:
                    prometheus:
                      url: %s
                      dataDir: %s
                schedules:
                  every-second:
                    job: backup
                    source: prod
                    cron: "* * * * * ?"
                scheduler:
                  port: 0
                """.formatted(dir.resolve("repo").toUri(), prometheus.baseUrl(), prometheus.dataDir()));
        CliRunner cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString(),
                "PROMDR_CONFIG", config.toString()));
        assertThat(cli.run("init").exitCode()).isZero();

        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        process = promdrJar(config, stdout, stderr, "schedule", "run");
        String base = Poll.until(TIMEOUT, POLL, () -> {
            Matcher m = ENDPOINT.matcher(read(stdout));
            return m.find() ? m.group(1) : alive(stderr);
        }, () -> "no endpoint line\n" + read(stdout) + read(stderr));

        String metrics = Poll.until(TIMEOUT, POLL, () -> {
            String text = get(base + "/metrics").body();
            Matcher m = SUCCESSES.matcher(text);
            return m.find() && Integer.parseInt(m.group(1)) >= 3 ? text : alive(stderr);
        }, () -> "fewer than 3 successful runs\n" + read(stdout) + read(stderr));
        Promtool.Lint lint = Promtool.checkMetrics(metrics);
        assertThat(lint.exitCode()).as(lint.output() + metrics).isZero();
        assertThat(metrics).contains("promdr_schedule_last_success_timestamp_seconds{schedule=\"every-second\",kind=\"backup\",source=\"prod\"}")
                .contains("promdr_schedule_last_success_bytes{schedule=\"every-second\"");
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("exit after SIGTERM\n" + read(stderr)).isTrue();
        assertThat(read(stdout)).contains("schedule every-second: backup of prod succeeded in ");
        // Whatever the signal interrupted: no snapshot left behind, and only complete backups listed.
        assertThat(TestFiles.names(prometheus.dataDir().resolve("snapshots"))).as(read(stderr)).isEmpty();
        Result list = cli.run("list", "-o", "json");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        JsonNode backups = JSON.readTree(list.out());
        assertThat(backups.size()).isGreaterThanOrEqualTo(3);

        Result history = cli.run("history", "--job", "backup", "--source", "prod", "-o", "json", "--limit", "100");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        JsonNode runs = JSON.readTree(history.out());
        Set<String> committed = new HashSet<>();
        backups.forEach(b -> committed.add(b.path("id").asText()));
        List<JsonNode> completed = new ArrayList<>();
        runs.forEach(r -> {
            if (r.path("status").asText().equals("COMPLETED")) {
                completed.add(r);
            }
        });
        // Every completed run committed its backup; every committed backup has its run (SIGTERM may have stopped the
        // last one after its manifest, the commit point, before the job recorded its end).
        assertThat(completed).extracting(r -> r.path("backupId").asText()).as(history.out() + read(stderr)).isSubsetOf(committed);
        List<String> allRuns = new ArrayList<>();
        runs.forEach(r -> allRuns.add(r.path("backupId").asText()));
        assertThat(allRuns).as(history.out()).containsAll(committed);
        assertThat(completed.size()).isGreaterThanOrEqualTo(3);
        assertThat(completed).allSatisfy(r -> {
            assertThat(r.path("source").asText()).isEqualTo("prod");
            assertThat(r.path("bytes").isNumber()).isTrue();
            assertThat(r.path("durationMs").asLong()).isPositive();
        });
        assertNoOverlap(runs);

        Result table = cli.run("history");
        assertThat(table.out()).startsWith("ID").contains("backup").contains("COMPLETED");
    }

    /** Runs of the one schedule never overlap: each starts after the previous one ended. */
    private static void assertNoOverlap(JsonNode runs) {
        List<Instant[]> spans = new ArrayList<>();
        runs.forEach(r -> {
            if (!r.path("endedAt").isNull() && !r.path("endedAt").isMissingNode()) {
                spans.add(new Instant[] {Instant.parse(r.path("startedAt").asText()), Instant.parse(r.path("endedAt").asText())});
            }
        });
        spans.sort((a, b) -> a[0].compareTo(b[0]));
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("run " + i + " starts after run " + (i - 1) + " ended").isAfterOrEqualTo(spans.get(i - 1)[1]);
        }
    }

    private <T> T alive(Path stderr) {
        if (!process.isAlive()) {
            throw new AssertionError("promdr exited with " + process.exitValue() + "\n" + read(stderr));
        }
        return null;
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process promdrJar(Path config, Path stdout, Path stderr, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("promdr.jar", "target/promdr.jar"));
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        List<String> command = Stream.concat(
                Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()),
                Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMDR_"));
        builder.environment().put("PROMDR_CONFIG", config.toString());
        builder.environment().put("PROMDR_STATE_DIR", dir.resolve("state").toString());
        builder.environment().put("HOME", dir.resolve("home").toString());
        return builder.start();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
