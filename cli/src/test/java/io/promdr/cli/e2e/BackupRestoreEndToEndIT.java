package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole tool as a user runs it, through the real entry point: a real Prometheus holding
 * promtool-generated blocks with exactly known samples, an S3 repository on S3Proxy, and a second
 * Prometheus started on the restored directory to check the data by PromQL.
 */
class BackupRestoreEndToEndIT {
    private static final int SERIES = 40;
    private static final int HOURS = 6;
    private static final int STEP_SECONDS = 60;
    /** Min = max block duration turns compaction off, so the snapshot holds the generated blocks unchanged. */
    private static final String[] NO_COMPACTION = {"--storage.tsdb.min-block-duration=2h",
            "--storage.tsdb.max-block-duration=2h"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    static Path shared;

    static TsdbTestData.Expected data;
    static PrometheusServer source;

    @TempDir
    Path dir;

    /** Every output of every run, checked for secrets at the end of each test. */
    private final List<Result> results = new ArrayList<>();

    @BeforeAll
    static void startSource() {
        data = TsdbTestData.generate(shared.resolve("generated"), SERIES, HOURS, STEP_SECONDS);
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("prometheus-data"));
        source = PrometheusServer.builder(shared.resolve("prometheus-data")).extraArgs(NO_COMPACTION).start();
    }

    @AfterAll
    static void stopSource() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void backupTwiceListShowRestoreAndQueryTheRestoredData() throws Exception {
        String bucket = S3.newBucket();
        CliRunner cli = cli(config(S3ProxyServer.repositoryUri(bucket, "prod/prometheus"), S3.secretKey()));

        Result init = ok(cli, "init");
        assertThat(init.out()).startsWith("initialised repository s3://" + bucket + "/prod/prometheus");

        Result first = ok(cli, "backup", "--prometheus", source.baseUrl().toString(), "--data-dir",
                source.dataDir().toString(), "--source", "prod");
        assertThat(first.out()).contains(data.blockDirs().size() + " blocks, " + data.blockDirs().size() + " uploaded");

        Set<String> before = EndToEndSupport.keys(S3, bucket);
        Result second = ok(cli, "backup", "--prometheus", source.baseUrl().toString(), "--data-dir",
                source.dataDir().toString(), "--source", "prod");
        Set<String> uploaded = new TreeSet<>(EndToEndSupport.keys(S3, bucket));
        uploaded.removeAll(before);
        assertThat(second.out()).contains("0 uploaded (0 B), " + data.blockDirs().size() + " already stored");

        String secondId = EndToEndSupport.backupIdIn(second);
        Result list = ok(cli, "list", "-o", "json");
        JsonNode backups = JSON.readTree(list.out());
        assertThat(backups).hasSize(2);
        assertThat(backups.findValuesAsText("id")).containsExactlyInAnyOrder(EndToEndSupport.backupIdIn(first), secondId);
        // The second backup wrote its manifest and nothing else: every block object was already there.
        assertThat(uploaded).containsExactly("prod/prometheus/backups/prod/" + secondId + ".json");
        for (JsonNode b : backups) {
            assertThat(b.path("source").asText()).isEqualTo("prod");
            assertThat(b.path("blocks").asInt()).isEqualTo(data.blockDirs().size());
            assertThat(b.path("samples").asLong()).isEqualTo(data.samplesTotal());
            assertThat(b.path("minTimeMs").asLong()).isEqualTo(data.firstTsMs());
            assertThat(b.path("maxTimeMs").asLong()).isEqualTo(data.lastTsMs() + 1);
            assertThat(b.path("prometheusUrl").asText()).isEqualTo(source.baseUrl().toString());
        }
        assertThat(ok(cli, "list").out()).contains(secondId).contains("prod");

        Result show = ok(cli, "show", secondId);
        assertThat(show.out()).contains("backup      " + secondId);
        for (String ulid : data.ulids()) {
            assertThat(show.out()).contains(ulid);
        }
        JsonNode manifest = JSON.readTree(ok(cli, "show", secondId.substring(0, 22), "-o", "json").out());
        assertThat(manifest.path("backupId").asText()).isEqualTo(secondId);
        assertThat(manifest.path("blocks")).hasSize(data.blockDirs().size());

        // A window that starts with the newest block leaves the others out.
        long newestBlockStartSec = data.endEpochSec() - 2 * 3600;
        Result window = ok(cli, "restore", secondId, "--to", dir.resolve("window").toString(), "--dry-run",
                "--from", String.valueOf(newestBlockStartSec));
        assertThat(window.out().lines().filter(l -> l.startsWith("restore  "))).hasSize(1);
        assertThat(window.out().lines().filter(l -> l.endsWith("outside --from/--until")))
                .hasSize(data.blockDirs().size() - 1);

        Path target = dir.resolve("restored");
        Result plan = ok(cli, "restore", secondId, "--to", target.toString(), "--dry-run");
        assertThat(plan.out()).contains("restore plan: backup " + secondId).contains("dry run: nothing was changed");
        assertThat(target).doesNotExist();

        Result restore = ok(cli, "restore", secondId, "--to", target.toString());
        assertThat(restore.out()).contains("restored backup " + secondId);
        assertThat(TestFiles.names(target)).containsExactlyElementsOf(data.ulids());
        for (Path generated : data.blockDirs()) {
            assertThat(TestFiles.sha256Tree(target.resolve(generated.getFileName())))
                    .as("files of block %s", generated.getFileName())
                    .isEqualTo(TestFiles.sha256Tree(generated));
        }

        try (PrometheusServer restored = PrometheusServer.builder(target).extraArgs(NO_COMPACTION).start()) {
            assertRestoredDataIsExact(restored);
        }
        assertNoSecretIn(results, S3.secretKey());
    }

    /** Exact counts over the whole range, evaluated just after the last sample; plus exact values of one series. */
    private static void assertRestoredDataIsExact(PrometheusServer prometheus) {
        long evalSec = data.lastTsMs() / 1000 + 1;
        // The range reaches one second before the first sample, so neither bound can cut a sample off.
        long rangeSec = evalSec - data.firstTsMs() / 1000 + 1;
        String all = "drill_test_metric[" + rangeSec + "s]";
        assertThat(prometheus.queryValue("count(count_over_time(" + all + "))", evalSec)).isEqualTo(SERIES);
        assertThat(prometheus.queryValue("sum(count_over_time(" + all + "))", evalSec)).isEqualTo(data.samplesTotal());

        int s = 7;
        String one = "drill_test_metric{instance=\"" + TsdbTestData.instanceOf(s) + "\"}[" + rangeSec + "s]";
        assertThat(prometheus.queryValue("count_over_time(" + one + ")", evalSec)).isEqualTo(data.samplesPerSeries());
        assertThat(prometheus.queryValue("min_over_time(" + one + ")", evalSec)).isEqualTo(TsdbTestData.valueOf(s, 0));
        assertThat(prometheus.queryValue("max_over_time(" + one + ")", evalSec))
                .isEqualTo(TsdbTestData.valueOf(s, data.samplesPerSeries() - 1));
    }

    @Test
    void restoreIntoANonEmptyDirectoryIsRefusedWithoutMerge() throws IOException {
        String bucket = S3.newBucket();
        CliRunner cli = cli(config(S3ProxyServer.repositoryUri(bucket, ""), S3.secretKey()));
        ok(cli, "init");
        ok(cli, "backup", "--prometheus", source.baseUrl().toString(), "--data-dir", source.dataDir().toString());

        Path target = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(target.resolve("something-else"), "keep me");
        Result refused = fails(cli, ErrorCode.RESTORE_TARGET_NOT_EMPTY, "restore", "latest", "--to", target.toString());
        assertThat(refused.err()).contains(target.toString()).contains("--merge");
        assertThat(TestFiles.names(target)).containsExactly("something-else");

        Result unknown = fails(cli, ErrorCode.BACKUP_NOT_FOUND, "restore", "20200101T000000Z-deadbeef", "--to",
                dir.resolve("fresh").toString());
        assertThat(unknown.err()).contains("20200101T000000Z-deadbeef");
        fails(cli, ErrorCode.BACKUP_NOT_FOUND, "show", "20200101T000000Z-deadbeef");
        assertNoSecretIn(results, S3.secretKey());
    }

    @Test
    void backupOfANamedSourceFromTheConfig() throws IOException {
        Path config = dir.resolve("sources.yaml");
        Files.writeString(config, "repository:\n  uri: " + dir.resolve("repo").toUri() + "\n"
                + "sources:\n"
                + "  edge:\n    prometheus:\n      url: http://127.0.0.1:" + EndToEndSupport.closedPort() + "\n"
                + "  core:\n    prometheus:\n      url: " + source.baseUrl() + "\n      dataDir: " + source.dataDir() + "\n");
        CliRunner cli = cli(config);
        ok(cli, "init");

        Result unchosen = fails(cli, ErrorCode.USAGE, "backup");
        assertThat(unchosen.err()).contains("several sources are configured [core, edge]").contains("--source");
        fails(cli, ErrorCode.USAGE, "backup", "--source", "cor");

        Result backup = ok(cli, "backup", "--source", "core");
        assertThat(backup.out()).contains("of source core committed: " + data.blockDirs().size() + " blocks");
        JsonNode listed = JSON.readTree(ok(cli, "list", "-o", "json").out());
        assertThat(listed.findValuesAsText("source")).containsExactly("core");
    }

    @Test
    void prometheusUnreachable() throws IOException {
        String bucket = S3.newBucket();
        CliRunner cli = cli(config(S3ProxyServer.repositoryUri(bucket, ""), S3.secretKey()));
        ok(cli, "init");
        String url = "http://127.0.0.1:" + EndToEndSupport.closedPort();
        Result r = fails(cli, ErrorCode.PROMETHEUS_UNREACHABLE, "backup", "--prometheus", url, "--data-dir",
                source.dataDir().toString());
        assertThat(r.err()).contains(url);
        assertThat(EndToEndSupport.keys(S3, bucket)).containsExactly("repository.json");
        assertNoSecretIn(results, S3.secretKey());
    }

    @Test
    void adminApiDisabled() throws IOException {
        String bucket = S3.newBucket();
        CliRunner cli = cli(config(S3ProxyServer.repositoryUri(bucket, ""), S3.secretKey()));
        ok(cli, "init");
        Path data = dir.resolve("no-admin-data");
        PrometheusServer.backfill(List.of(TsdbTestData.generate(dir.resolve("gen"), 2, 2, 60).blockDirs().get(0)), data);
        try (PrometheusServer noAdmin = PrometheusServer.builder(data).adminApi(false).start()) {
            Result r = fails(cli, ErrorCode.PROMETHEUS_ADMIN_API_DISABLED, "backup", "--prometheus",
                    noAdmin.baseUrl().toString(), "--data-dir", data.toString());
            assertThat(r.err()).contains("--web.enable-admin-api");
        }
        assertThat(EndToEndSupport.keys(S3, bucket)).containsExactly("repository.json");
        assertNoSecretIn(results, S3.secretKey());
    }

    @Test
    void repositoryErrors() throws IOException {
        String bucket = S3.newBucket();
        CliRunner cli = cli(config(S3ProxyServer.repositoryUri(bucket, "never-initialised"), S3.secretKey()));
        fails(cli, ErrorCode.REPOSITORY_NOT_INITIALISED, "list");
        fails(cli, ErrorCode.REPOSITORY_NOT_INITIALISED, "backup", "--prometheus", source.baseUrl().toString(),
                "--data-dir", source.dataDir().toString());

        CliRunner noBucket = cli(config("s3://promdr-no-such-bucket/x", S3.secretKey()));
        Result missing = fails(noBucket, ErrorCode.BUCKET_NOT_FOUND, "list");
        assertThat(missing.err()).contains("promdr-no-such-bucket");

        String wrongSecret = "wrong-secret-0123456789";
        CliRunner badCredentials = cli(config(S3ProxyServer.repositoryUri(bucket, ""), wrongSecret));
        fails(badCredentials, ErrorCode.ACCESS_DENIED, "list");
        fails(badCredentials, ErrorCode.ACCESS_DENIED, "init");

        assertNoSecretIn(results, S3.secretKey());
        assertNoSecretIn(results, wrongSecret);
    }

    private static void assertNoSecretIn(List<Result> results, String secret) {
        for (Result r : results) {
            assertThat(r.all()).as("output of %s", r.args()).doesNotContain(secret);
        }
    }

    /** Runs a command that must succeed quietly: nothing on stderr (no framework noise, no warnings). */
    private Result ok(CliRunner cli, String... args) {
        Result r = cli.run(args);
        results.add(r);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    /** Runs a command that must fail with {@code code}, printing exactly one line on stderr and nothing on stdout. */
    private Result fails(CliRunner cli, ErrorCode code, String... args) {
        Result r = cli.run(args);
        results.add(r);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(code.exitCode());
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("error: ").contains(" — hint: ");
        assertThat(r.out()).as(r.toString()).isEmpty();
        return r;
    }

    /** A runner whose S3 settings (and secret) come from a config file, as in production. */
    private CliRunner cli(Path config) {
        return new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_CONFIG", config.toString(),
                "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }

    private Path config(String repositoryUri, String secret) throws IOException {
        return EndToEndSupport.s3Config(dir, S3, repositoryUri, secret);
    }
}
