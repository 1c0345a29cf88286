package io.promdr.cli.schedule;

import io.promdr.cli.schema.JsonSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schedules:} validated on load (one-line errors, exit codes 90-92), {@code promdr schedule list}
 * and {@code promdr k8s render}, through the real entry point. No Spring context, no server.
 */
class ScheduleCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCES = """
            repository:
              uri: file:///var/backups/promdr
            kubernetes:
              namespace: monitoring
              image: ghcr.io/acme/promdr:0.1.0
              serviceAccount: promdr
            sources:
              prod:
                prometheus: {url: "http://127.0.0.1:9090", dataDir: /var/lib/prometheus/metrics2}
              staging:
                prometheus: {url: "http://127.0.0.1:9091", dataDir: /srv/staging}
            """;

    @TempDir
    Path dir;

    @Test
    void listShowsEveryScheduleWithDefaultsApplied() throws IOException {
        Path config = config(SOURCES + """
                schedules:
                  nightly:
                    job: backup
                    source: prod
                    cron: "30 1 * * *"
                    timeZone: Europe/Paris
                  weekly-drill:
                    job: drill
                    source: prod
                    parameters: {backup: latest}
                  cleanup: {job: prune, source: staging}
                """);
        Result r = cli().run("schedule", "list", "--config", config.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode list = JsonSchemas.assertValid("schedule-list", r.out());
        assertThat(list).hasSize(3);
        assertThat(list.get(2).path("cron").asText()).as("a prune's default: nightly after the backup").isEqualTo("30 3 * * *");
        assertThat(list.get(2).path("source").asText()).isEqualTo("staging");
        JsonNode nightly = list.get(0);
        assertThat(nightly.path("name").asText()).isEqualTo("nightly");
        assertThat(nightly.path("quartzCron").asText()).isEqualTo("0 30 1 * * ?");
        assertThat(nightly.path("kubernetesCron").asText()).isEqualTo("30 1 * * *");
        assertThat(nightly.path("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(nightly.path("nextRuns")).hasSize(3);
        JsonNode drill = list.get(1);
        assertThat(drill.path("cron").asText()).as("a drill's default: weekly").isEqualTo("0 5 * * 0");
        assertThat(drill.path("timeZone").asText()).isEqualTo("UTC");
        assertThat(drill.path("parameters").path("backup").asText()).isEqualTo("latest");

        Result table = cli().run("schedule", "list", "--config", config.toString());
        assertThat(table.out()).startsWith("NAME").contains("nightly").contains("Europe/Paris").contains("+01:00");
    }

    @Test
    void badEntriesFailEveryCommandWithOneLineAndTheirCode() throws IOException {
        assertFails("nightly: {job: backup, source: prod, cron: \"0 25 * * *\"}", ErrorCode.SCHEDULE_INVALID,
                "error: schedules.nightly.cron: \"0 25 * * *\" is not a valid cron expression");
        assertFails("nightly: {job: backup, source: prod, timeZone: Mars/Olympus}", ErrorCode.SCHEDULE_INVALID,
                "error: schedules.nightly.timeZone: \"Mars/Olympus\" is not a time zone");
        assertFails("nightly: {job: backup, source: qa}", ErrorCode.SCHEDULE_SOURCE_UNKNOWN,
                "error: schedules.nightly.source: \"qa\" is not a configured source — hint: use one of [prod, staging]");
        assertFails("nightly: {job: backup}", ErrorCode.SCHEDULE_SOURCE_UNKNOWN,
                "error: schedules.nightly.source: is not set and several sources are configured");
        assertFails("nightly: {job: backpu, source: prod}", ErrorCode.SCHEDULE_JOB_UNKNOWN,
                "error: schedules.nightly.job: \"backpu\" is not a job promdr can schedule — hint: use one of [backup, prune, drill]");
        assertFails("cleanup: {job: prune, source: prod, parameters: {dryRun: true}}", ErrorCode.SCHEDULE_INVALID,
                "error: schedules.cleanup.parameters.dryRun: unknown parameter of a prune schedule — hint: known parameters: [allowEmptyPolicy]");
        assertFails("nightly: {job: backup, source: prod, parameters: {level: 5}}", ErrorCode.SCHEDULE_INVALID,
                "error: schedules.nightly.parameters.level: unknown parameter of a backup schedule — hint: known parameters: [compressionLevel]");
        assertFails("Nightly: {job: backup, source: prod}", ErrorCode.SCHEDULE_INVALID,
                "error: schedules.Nightly: \"Nightly\" is not a valid schedule name");
    }

    @Test
    void renderPrintsCronJobsKubectlCanApply() throws IOException {
        Path config = config(SOURCES + """
                schedules:
                  nightly: {job: backup, source: prod, cron: "@daily", timeZone: Europe/Paris}
                  staging-nightly: {job: backup, source: staging}
                """);
        Result r = cli().run("k8s", "render", "--config", config.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        KubernetesSerialization yaml = new KubernetesSerialization();
        List<CronJob> jobs = Arrays.stream(r.out().split("(?m)^---\\n")).filter(d -> !d.isBlank())
                .map(d -> yaml.unmarshal(d, CronJob.class)).toList();
        assertThat(jobs).extracting(j -> j.getMetadata().getName()).containsExactly("promdr-nightly", "promdr-staging-nightly");
        assertThat(jobs.get(0).getSpec().getSchedule()).isEqualTo("0 0 * * *");
        assertThat(jobs.get(0).getSpec().getTimeZone()).isEqualTo("Europe/Paris");
        assertThat(jobs.get(1).getSpec().getSchedule()).as("a backup's default: nightly at 02:00").isEqualTo("0 2 * * *");
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.getMetadata().getNamespace()).isEqualTo("monitoring");
            assertThat(j.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("promdr");
        });
    }

    @Test
    void renderRefusesAQuartzOnlyCronAndExecNeedsAName() throws IOException {
        Path config = config(SOURCES + """
                schedules:
                  fast: {job: backup, source: prod, cron: "*/10 * * * * ?"}
                """);
        Result render = cli().run("k8s", "render", "--config", config.toString());
        assertThat(render.exitCode()).as(render.toString()).isEqualTo(ErrorCode.SCHEDULE_NOT_RENDERABLE.exitCode());
        assertThat(render.err().lines().toList()).hasSize(1);

        Result exec = cli().run("schedule", "exec", "--config", config.toString());
        assertThat(exec.exitCode()).as(exec.toString()).isEqualTo(ErrorCode.USAGE.exitCode());
        Result unknown = cli().run("schedule", "exec", "nightly", "--config", config.toString());
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ErrorCode.SCHEDULE_NOT_FOUND.exitCode());
        assertThat(unknown.err()).startsWith("error: no schedule named \"nightly\" — hint: use one of [fast]");
    }

    @Test
    void runWithoutSchedulesSaysSo() {
        Result r = cli().env("PROMDR_REPOSITORY", dir.resolve("repo").toString()).run("schedule", "run");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.SCHEDULE_NOT_FOUND.exitCode());
        assertThat(r.err()).startsWith("error: no schedules configured");
    }

    @Test
    void runRefusesAPortInUseWithItsCode() throws IOException {
        Path config = config(SOURCES.replace("file:///var/backups/promdr", dir.resolve("repo").toUri().toString())
                + "schedules:\n  nightly: {job: backup, source: prod}\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = cli().run("schedule", "run", "--config", config.toString(), "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.SCHEDULER_PORT_UNAVAILABLE.exitCode());
            assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
            assertThat(r.err()).startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for /metrics and /healthz");
        }
    }

    private void assertFails(String entry, ErrorCode code, String errorStart) throws IOException {
        Path config = config(SOURCES + "schedules:\n  " + entry + "\n");
        for (List<String> command : List.of(List.of("schedule", "list"), List.of("list"))) {
            Result r = cli().run(concat(command, "--config", config.toString()));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(code.exitCode());
            assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
            assertThat(r.err()).as(r.toString()).startsWith(errorStart);
        }
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    private Path config(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "promdr-", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private CliRunner cli() {
        return new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }
}
