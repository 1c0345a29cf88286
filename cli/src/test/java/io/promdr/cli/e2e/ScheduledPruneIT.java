package io.promdr.cli.e2e;

import io.promdr.cli.schema.JsonSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prune job kind: a {@code job: prune} schedule run by {@code promdr schedule exec} applies
 * {@code retention:} to its source after three scheduled backups, and history lists every run.
 */
class ScheduledPruneIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PrometheusServer prometheus;

    @BeforeEach
    void startPrometheus() {
        TsdbTestData.Expected data = TsdbTestData.generate(dir.resolve("generated"), 3, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), dir.resolve("prometheus-data"));
        prometheus = PrometheusServer.start(dir.resolve("prometheus-data"));
    }

    @AfterEach
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void aPruneScheduleAppliesTheRetentionRules() throws Exception {
        Path config = dir.resolve("promdr.yaml");
        Files.writeString(config, """
                repository:
                  uri: %s
                sources:
                  prod:
                    prometheus: {url: "%s", dataDir: "%s"}
                retention:
                  keepLast: 1
                  gracePeriod: 0s
                schedules:
                  nightly: {job: backup, source: prod}
                  cleanup: {job: prune, source: prod}
                """.formatted(dir.resolve("repo").toUri(), prometheus.baseUrl(), prometheus.dataDir()));
        CliRunner cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString(),
                "PROMDR_CONFIG", config.toString()));
        ok(cli.run("init"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Result backup = ok(cli.run("schedule", "exec", "nightly"));
            ids.add(backup.out().replaceAll("(?s).*schedule nightly: backup (\\S+) committed.*", "$1").trim());
        }

        Result prune = ok(cli.run("schedule", "exec", "cleanup"));
        assertThat(prune.out()).contains("schedule cleanup: prune of source prod: removed 2 of 3 backups");
        JsonNode left = JSON.readTree(ok(cli.run("list", "-o", "json")).out());
        assertThat(left).hasSize(1);
        assertThat(left.get(0).path("id").asText()).isEqualTo(ids.get(2));

        JsonNode runs = JsonSchemas.assertValid("history", ok(cli.run("history", "-o", "json")).out());
        assertThat(runs).extracting(r -> r.path("job").asText()).containsExactly("prune", "backup", "backup", "backup");
        assertThat(runs.get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(runs.get(0).path("source").asText()).isEqualTo("prod");
    }

    private static Result ok(Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }
}
