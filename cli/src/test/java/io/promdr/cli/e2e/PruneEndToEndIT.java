package io.promdr.cli.e2e;

import io.promdr.cli.schema.JsonSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.PushgatewayServer;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention as a user runs it: real backups of a real Prometheus into S3 (S3Proxy), then
 * {@code prune --dry-run}, {@code pin}, {@code prune}, {@code unpin}, the refusals (empty policy,
 * another prune's lock), {@code retention.afterBackup}, the sweep of an unreferenced object, and
 * the prune metrics on a real Pushgateway.
 */
class PruneEndToEndIT {
    private static final String[] NO_COMPACTION = {"--storage.tsdb.min-block-duration=2h",
            "--storage.tsdb.max-block-duration=2h"};
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An object under blocks/ that no manifest references, as an interrupted backup leaves. */
    private static final String ORPHAN = "blocks/01JD8X6S41TSV4RRFFQ69G5F00/" + "ab".repeat(32) + ".tar.zst";

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    static Path shared;
    static PrometheusServer source;
    static PushgatewayServer pushgateway;

    @TempDir
    Path dir;

    private final List<Result> results = new ArrayList<>();

    @BeforeAll
    static void start() {
        TsdbTestData.Expected data = TsdbTestData.generate(shared.resolve("generated"), 5, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("prometheus-data"));
        source = PrometheusServer.builder(shared.resolve("prometheus-data")).extraArgs(NO_COMPACTION).start();
        pushgateway = PushgatewayServer.start();
    }

    @AfterAll
    static void stop() {
        if (source != null) {
            source.close();
        }
        if (pushgateway != null) {
            pushgateway.close();
        }
    }

    @Test
    void dryRunPinPruneUnpinAndTheSweep() throws Exception {
        String bucket = S3.newBucket();
        String uri = S3ProxyServer.repositoryUri(bucket, "prom");
        CliRunner cli = cli(config(uri, "retention:\n  keepLast: 2\n  gracePeriod: 0s\n"
                + "metrics:\n  pushgateway:\n    url: " + pushgateway.url() + "\n"));
        ok(cli, "init");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(EndToEndSupport.backupIdIn(backup(cli)));
        }
        ok(cli, "pin", ids.get(0).substring(0, 22));

        Result dryRun = ok(cli, "prune", "--dry-run");
        assertThat(dryRun.out()).contains("source prod: policy keepLast=2, time zone UTC")
                .containsPattern(ids.get(3) + " .* keep +newest successful, last 2")
                .containsPattern(ids.get(2) + " .* keep +last 2")
                .containsPattern(ids.get(1) + " .* remove +no rule keeps it")
                .containsPattern(ids.get(0) + " .* keep +pinned")
                .contains("would remove 1 of 4 backups, keeping 3");
        JsonNode plan = JsonSchemas.assertValid("prune", ok(cli, "prune", "--dry-run", "-o", "json").out());
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("backupsRemoved").asInt()).isEqualTo(1);
        JsonNode decisions = plan.get("sources").get(0).get("decisions");
        assertThat(decisions.get(0).get("backupId").asText()).isEqualTo(ids.get(3));
        assertThat(decisions.get(2).get("action").asText()).isEqualTo("remove");
        assertThat(decisions.get(3).get("pinned").asBoolean()).isTrue();
        assertThat(JSON.readTree(ok(cli, "list", "-o", "json").out()).size()).as("a dry run deletes nothing").isEqualTo(4);

        putObject(uri, ORPHAN, "left by an interrupted backup");
        Result prune = ok(cli, "prune");
        assertThat(prune.out()).contains("removed 1 of 4 backups, keeping 3").contains("swept 1 unreferenced block objects");
        assertThat(JSON.readTree(ok(cli, "list", "-o", "json").out()).findValuesAsText("id"))
                .containsExactlyInAnyOrder(ids.get(0), ids.get(2), ids.get(3));
        assertThat(EndToEndSupport.keys(S3, bucket)).noneMatch(k -> k.startsWith("prom/locks/")).noneMatch(k -> k.endsWith(ORPHAN));
        assertThat(pushgateway.metrics()).contains("promdr_prune_deleted_backups").contains("promdr_prune_deleted_objects");
        assertThat(pushgateway.metrics()).containsPattern("(?m)^promdr_backup_snapshots_left_behind\\{[^}]*source=\"prod\"[^}]*\\} 0$");

        // The pinned backup restores, and after unpin the policy takes it.
        ok(cli, "restore", ids.get(0), "--to", dir.resolve("restored").toString());
        ok(cli, "unpin", ids.get(0));
        assertThat(ok(cli, "unpin", ids.get(0)).out()).contains("was not pinned");
        assertThat(ok(cli, "prune").out()).contains("removed 1 of 3 backups, keeping 2");
        assertThat(JSON.readTree(ok(cli, "list", "-o", "json").out()).findValuesAsText("id"))
                .containsExactlyInAnyOrder(ids.get(2), ids.get(3));
        ok(cli, "restore", "latest", "--to", dir.resolve("restored-latest").toString());
    }

    @Test
    void refusalsAndTheLocks() throws Exception {
        String bucket = S3.newBucket();
        String uri = S3ProxyServer.repositoryUri(bucket, "");
        CliRunner noPolicy = cli(config(uri, ""));
        ok(noPolicy, "init");
        backup(noPolicy);
        Result empty = fails(noPolicy, ErrorCode.RETENTION_POLICY_EMPTY, "prune");
        assertThat(empty.err()).contains("has no rule").contains("--allow-empty-policy");
        assertThat(ok(noPolicy, "prune", "--dry-run", "--allow-empty-policy").out()).containsPattern(" keep +newest successful\n");

        CliRunner cli = cli(config(uri, "retention:\n  keepDaily: 7\n  timeZone: Europe/Paris\n"));
        String now = Instant.now().toString();
        putObject(uri, "locks/exclusive-0a1b2c3d.json", "{\"kind\":\"exclusive\",\"purpose\":\"prune of all sources\","
                + "\"host\":\"other-host\",\"pid\":7,\"createdAt\":\"" + now + "\",\"refreshedAt\":\"" + now + "\"}");
        Result locked = fails(cli, ErrorCode.REPOSITORY_LOCKED, "prune");
        assertThat(locked.err()).contains("prune of all sources on other-host (pid 7)");
        deleteObject(uri, "locks/exclusive-0a1b2c3d.json");

        putObject(uri, "locks/shared-0a1b2c3d.json", "{\"kind\":\"shared\",\"purpose\":\"backup x of source prod\","
                + "\"host\":\"other-host\",\"pid\":8,\"createdAt\":\"" + now + "\",\"refreshedAt\":\"" + now + "\"}");
        assertThat(ok(cli, "prune").out()).contains("sweep skipped: a backup is running (backup x of source prod");
        // A lock not refreshed for 30 minutes belongs to a crashed process: ignored, then removed.
        String old = Instant.now().minusSeconds(3600).toString();
        putObject(uri, "locks/shared-0a1b2c3d.json", "{\"kind\":\"shared\",\"purpose\":\"backup x of source prod\","
                + "\"host\":\"other-host\",\"pid\":8,\"createdAt\":\"" + old + "\",\"refreshedAt\":\"" + old + "\"}");
        assertThat(ok(cli, "prune").out()).contains("swept 0 unreferenced block objects");
        assertThat(EndToEndSupport.keys(S3, bucket)).noneMatch(k -> k.startsWith("locks/"));

        Path badZone = config(uri, "retention:\n  keepDaily: 7\n  timeZone: Mars/Olympus\n");
        assertThat(fails(cli(badZone), ErrorCode.CONFIG_INVALID, "prune").err()).contains("retention.timeZone");
    }

    @Test
    void afterBackupPrunesTheSource() throws Exception {
        String bucket = S3.newBucket();
        CliRunner cli = cli(config(S3ProxyServer.repositoryUri(bucket, ""), "retention:\n  keepLast: 1\n  afterBackup: true\n"));
        ok(cli, "init");
        Result first = backup(cli);
        assertThat(first.out()).contains("retention (afterBackup): removed 0 of 1 backups of source prod");
        Result second = backup(cli);
        assertThat(second.out()).contains("retention (afterBackup): removed 1 of 2 backups of source prod");
        assertThat(JSON.readTree(ok(cli, "list", "-o", "json").out()).findValuesAsText("id"))
                .containsExactly(EndToEndSupport.backupIdIn(second));
    }

    /** The scheduled backup prunes as `promdr backup` does (job: prune itself: ScheduledPruneIT). */
    @Test
    void aScheduledBackupPrunesAfterwardsWithAfterBackup() throws Exception {
        String bucket = S3.newBucket();
        String common = "source: prod\nprometheus:\n  url: " + source.baseUrl() + "\n  dataDir: " + source.dataDir() + "\n"
                + "schedules:\n  nightly: {job: backup}\n";
        CliRunner cli = cli(config(S3ProxyServer.repositoryUri(bucket, ""),
                common + "retention:\n  keepLast: 1\n  afterBackup: true\n"));
        ok(cli, "init");
        backup(cli);
        Result nightly = ok(cli, "schedule", "exec", "nightly");
        assertThat(nightly.out()).contains("schedule nightly: backup ").contains(" committed: ")
                .contains("; prune of source prod: removed 1 of 2 backups");
        assertThat(JSON.readTree(ok(cli, "list", "-o", "json").out()).findValuesAsText("id"))
                .containsExactly(nightly.out().replaceFirst("(?s)^schedule nightly: backup (\\S+) committed.*", "$1"));
    }

    private Result backup(CliRunner cli) {
        return ok(cli, "backup", "--prometheus", source.baseUrl().toString(), "--data-dir", source.dataDir().toString(),
                "--source", "prod");
    }

    private static void putObject(String uri, String key, String content) throws IOException {
        try (ObjectStore store = ObjectStores.open(uri, S3.settings())) {
            store.put(key, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void deleteObject(String uri, String key) throws IOException {
        try (ObjectStore store = ObjectStores.open(uri, S3.settings())) {
            store.delete(key);
        }
    }

    private Result ok(CliRunner cli, String... args) {
        Result r = cli.run(args);
        results.add(r);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    private Result fails(CliRunner cli, ErrorCode code, String... args) {
        Result r = cli.run(args);
        results.add(r);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(code.exitCode());
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("error: ").contains(" — hint: ");
        return r;
    }

    private CliRunner cli(Path config) {
        return new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_CONFIG", config.toString(),
                "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }

    private Path config(String repositoryUri, String extra) throws IOException {
        Path file = EndToEndSupport.s3Config(dir, S3, repositoryUri, S3.secretKey());
        Files.writeString(file, Files.readString(file) + extra);
        return file;
    }
}
