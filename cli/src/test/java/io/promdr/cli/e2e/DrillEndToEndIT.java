package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.testing.Poll;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.Promtool;
import io.promdr.core.testing.PushgatewayServer;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TreeCopy;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restore drills and verify as a user runs them, through the real entry point: a real Prometheus
 * holding promtool blocks of known values and scraping itself (many metrics sharing label sets)
 * and a Pushgateway whose series it then sees disappear (stale markers in the head block), an S3
 * repository on S3Proxy, the real Prometheus of the query check, and a real Pushgateway receiving
 * promdr's metrics.
 */
class DrillEndToEndIT {
    private static final int SERIES = 30;
    private static final String[] NO_COMPACTION = {"--storage.tsdb.min-block-duration=2h",
            "--storage.tsdb.max-block-duration=2h"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    static Path shared;

    static TsdbTestData.Expected data;
    static PushgatewayServer scraped;
    static PrometheusServer source;
    static PushgatewayServer metrics;

    @TempDir
    Path dir;

    private final List<Result> results = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        data = TsdbTestData.generate(shared.resolve("generated"), SERIES, 6, 60);
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("prometheus-data"));
        scraped = PushgatewayServer.start();
        scraped.push("batch", "# TYPE drill_batch_last_run gauge\ndrill_batch_last_run{step=\"a\"} 1\n"
                + "drill_batch_last_run{step=\"b\"} 2\n");
        source = PrometheusServer.builder(shared.resolve("prometheus-data")).scrapeSelf(true)
                .scrapeTarget(scraped.hostPort()).extraArgs(NO_COMPACTION).start();
        source.awaitNonEmpty("drill_batch_last_run", Duration.ofSeconds(30));
        // The series vanish from the next scrape: Prometheus writes a stale marker for each, which PromQL never returns.
        scraped.delete("batch");
        Poll.until(Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> source.query("drill_batch_last_run").path("result").isEmpty() ? Boolean.TRUE : null,
                () -> "drill_batch_last_run did not go stale");
        metrics = PushgatewayServer.start();
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable server : new AutoCloseable[]{source, scraped, metrics}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    @Test
    void aHealthyBackupPassesTheDrillAndVerifyAndTheirMetricsReachThePushgateway() throws Exception {
        CliRunner cli = cli(config(S3.newBucket(), "metrics:\n  pushgateway:\n    url: " + metrics.url()
                + "\n    groupingLabels:\n      cluster: e2e\n"));
        ok(cli, "init");
        String backupId = EndToEndSupport.backupIdIn(ok(cli, "backup", "--prometheus", source.baseUrl().toString(),
                "--data-dir", source.dataDir().toString(), "--source", "prod"));

        Result drill = ok(cli, "drill", "latest", "--scratch", dir.resolve("scratch").toString(), "-o", "json");
        JsonNode report = JSON.readTree(drill.out());
        assertThat(report.path("result").asText()).isEqualTo("passed");
        assertThat(report.path("backupId").asText()).isEqualTo(backupId);
        assertThat(report.path("checks")).extracting(c -> c.path("name").asText() + "=" + c.path("status").asText())
                .containsExactly("integrity=passed", "tsdb=passed", "query=passed");
        // Three generated blocks plus the head block the snapshot cut.
        JsonNode blocks = report.path("blockReports");
        assertThat(blocks).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(blocks.get(i).path("ulid").asText()).isEqualTo(data.ulids().get(i));
            assertThat(blocks.get(i).path("querySeries").asLong()).isEqualTo(SERIES);
            assertThat(blocks.get(i).path("querySamples").asLong()).isEqualTo(data.samplesTotal() / 3);
        }
        JsonNode head = blocks.get(3);
        assertThat(head.path("staleMarkers").asLong()).as("stale markers of the vanished series").isGreaterThanOrEqualTo(2);
        assertThat(head.path("querySamples").asLong()).isEqualTo(head.path("samples").asLong() - head.path("staleMarkers").asLong());
        assertThat(head.path("querySeries").asLong()).isEqualTo(head.path("series").asLong());
        assertThat(report.path("rtoSeconds").asDouble()).isPositive();
        assertThat(report.path("rpoSeconds").asDouble()).isPositive();
        assertThat(dir.resolve("scratch")).isEmptyDirectory();

        Result table = ok(cli, "drill", backupId.substring(0, 12), "--scratch", dir.resolve("scratch").toString());
        assertThat(table.out()).startsWith("drill of backup " + backupId + " (source prod): PASSED\n")
                .contains("\n  RTO  ").contains("\nquery      passed  4/4");

        assertThat(ok(cli, "verify", "all").out()).contains("verified 1 backups: 4 objects exist with their recorded sizes; no problems");
        assertThat(ok(cli, "verify", "latest", "--read-data").out()).contains("4 read and checked byte for byte");
        JsonNode first = JSON.readTree(ok(cli, "verify", "all", "--read-data-subset", "1/2", "-o", "json").out());
        JsonNode second = JSON.readTree(ok(cli, "verify", "all", "--read-data-subset", "2/2", "-o", "json").out());
        assertThat(first.path("objectsRead").asInt() + second.path("objectsRead").asInt()).isEqualTo(4);
        assertThat(first.path("readData").asText()).isEqualTo("1/2");

        String pushed = metrics.families("promdr_");
        String group = "{cluster=\"e2e\",instance=\"\",job=\"promdr\",source=\"prod\"}";
        assertThat(pushed).contains("promdr_backup_success" + group + " 1", "promdr_backup_blocks" + group + " 4",
                "promdr_drill_success" + group + " 1", "promdr_drill_rto_seconds" + group,
                "promdr_drill_check_success{check=\"query\",cluster=\"e2e\",instance=\"\",job=\"promdr\",source=\"prod\"} 1");
        Promtool.Lint lint = Promtool.checkMetrics(pushed);
        assertThat(lint.output()).as("promtool check metrics").isEmpty();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void aDamagedObjectFailsVerifyAndTheDrillNamingTheBlock() throws Exception {
        String bucket = S3.newBucket();
        CliRunner cli = cli(config(bucket, "metrics:\n  pushgateway:\n    url: " + metrics.url() + "\n    job: damaged\n"));
        ok(cli, "init");
        ok(cli, "backup", "--prometheus", source.baseUrl().toString(), "--data-dir", source.dataDir().toString());
        ok(cli, "drill", "--scratch", dir.resolve("scratch").toString(), "-q");
        String damaged = data.ulids().get(1);
        String key = flipAByteOfTheObjectOf(bucket, damaged);

        assertThat(ok(cli, "verify", "all").out()).contains("no problems");
        Result verify = cli.run("verify", "all", "--read-data", "-o", "json");
        results.add(verify);
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ErrorCode.VERIFY_FAILED.exitCode());
        assertThat(verify.err()).startsWith("error: verify found 1 problem(s), first: object.checksum of " + key + " — hint: ");
        JsonNode problem = JSON.readTree(verify.out()).path("problems").get(0);
        assertThat(problem.path("block").asText()).isEqualTo(damaged);

        Result drill = cli.run("drill", "--scratch", dir.resolve("scratch").toString(), "-o", "json");
        results.add(drill);
        assertThat(drill.exitCode()).as(drill.toString()).isEqualTo(ErrorCode.DRILL_FAILED.exitCode());
        assertThat(drill.err()).startsWith("error: drill of backup ")
                .contains("failed: 1 problem(s), first: integrity check, block " + damaged + ", object.checksum — hint: ");
        JsonNode report = JSON.readTree(drill.out());
        assertThat(report.path("result").asText()).isEqualTo("failed");
        JsonNode failure = report.path("checks").get(0).path("failures").get(0);
        assertThat(failure.path("check").asText()).isEqualTo("integrity");
        assertThat(failure.path("block").asText()).isEqualTo(damaged);
        assertThat(failure.path("problem").asText()).isEqualTo("object.checksum");
        assertThat(dir.resolve("scratch")).isEmptyDirectory();

        String group = "{instance=\"\",job=\"damaged\",source=\"default\"}";
        assertThat(metrics.families("promdr_drill_")).contains("promdr_drill_success" + group + " 0",
                "promdr_drill_check_success{check=\"integrity\",instance=\"\",job=\"damaged\",source=\"default\"} 0",
                "promdr_drill_last_success_timestamp_seconds" + group);
    }

    @Test
    void aChunkDamagedBeforeTheBackupFailsTheTsdbCheck() throws Exception {
        Path data2 = dir.resolve("damaged-prometheus");
        Files.createDirectories(data2);
        for (Path block : data.blockDirs()) {
            TreeCopy.copy(block, data2.resolve(block.getFileName().toString()));
        }
        String damaged = data.ulids().get(2);
        try (RandomAccessFile chunk = new RandomAccessFile(data2.resolve(damaged).resolve("chunks/000001").toFile(), "rw")) {
            chunk.seek(100);
            int b = chunk.read();
            chunk.seek(100);
            chunk.write(b ^ 0xff);
        }
        CliRunner cli = cli(config(S3.newBucket(), ""));
        ok(cli, "init");
        try (PrometheusServer prometheus = PrometheusServer.builder(data2).extraArgs(NO_COMPACTION).start()) {
            ok(cli, "backup", "--prometheus", prometheus.baseUrl().toString(), "--data-dir", data2.toString());
        }

        Result drill = cli.run("drill", "--scratch", dir.resolve("scratch").toString());
        results.add(drill);

        assertThat(drill.exitCode()).as(drill.toString()).isEqualTo(ErrorCode.DRILL_FAILED.exitCode());
        assertThat(drill.out()).contains("): FAILED\n").containsPattern("tsdb +" + damaged + " +chunks\\.crc +chunks/000001 ");
        assertThat(drill.err()).contains("first: tsdb check, block " + damaged + ", chunks.crc");
    }

    @Test
    void aDrillThatCannotRunIsAnErrorAndAFailedDrillForAlerting() throws Exception {
        CliRunner cli = cli(config(S3.newBucket(), "metrics:\n  pushgateway:\n    url: " + metrics.url() + "\n    job: cannot-run\n"));
        ok(cli, "init");
        ok(cli, "backup", "--prometheus", source.baseUrl().toString(), "--data-dir", source.dataDir().toString());

        Result drill = cli.run("drill", "--scratch", dir.resolve("scratch").toString(), "--prometheus-binary",
                dir.resolve("missing/prometheus").toString());
        results.add(drill);

        assertThat(drill.exitCode()).isEqualTo(ErrorCode.DRILL_PROMETHEUS_NOT_FOUND.exitCode());
        assertThat(drill.err()).isEqualTo("error: Prometheus binary " + dir.resolve("missing/prometheus")
                + " is not an executable file — hint: install Prometheus (Debian: apt-get install prometheus) or give its path"
                + " with --prometheus-binary (drill.prometheusBinary)\n");
        assertThat(metrics.families("promdr_drill_success")).contains("{instance=\"\",job=\"cannot-run\",source=\"default\"} 0");
    }

    @Test
    void aPushgatewayThatDoesNotAnswerIsAWarningUnlessRequired() throws Exception {
        String unreachable = "http://127.0.0.1:" + EndToEndSupport.closedPort();
        String bucket = S3.newBucket();
        CliRunner cli = cli(config(bucket, "metrics:\n  pushgateway:\n    url: " + unreachable + "\n"));
        ok(cli, "init");

        Result backup = cli.run("backup", "--prometheus", source.baseUrl().toString(), "--data-dir", source.dataDir().toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.out()).contains(" committed: 4 blocks");
        assertThat(backup.err()).isEqualTo("warning: metrics not pushed: cannot push backup metrics to the Pushgateway "
                + unreachable + ": ConnectException (Connection refused) — hint: check metrics.pushgateway.url (or"
                + " PROMDR_PUSHGATEWAY_URL) and that the Pushgateway runs\n");

        CliRunner strict = cli(config(bucket, "metrics:\n  pushgateway:\n    url: " + unreachable + "\n    required: true\n"));
        Result required = strict.run("backup", "--prometheus", source.baseUrl().toString(), "--data-dir",
                source.dataDir().toString());
        assertThat(required.exitCode()).isEqualTo(ErrorCode.PUSHGATEWAY_UNREACHABLE.exitCode());
        assertThat(required.out()).contains(" committed: 4 blocks");
        assertThat(required.err()).startsWith("error: cannot push backup metrics to the Pushgateway ");
    }

    private String flipAByteOfTheObjectOf(String bucket, String ulid) throws IOException {
        try (ObjectStore store = ObjectStores.open(S3ProxyServer.repositoryUri(bucket, ""), S3.settings())) {
            String key = store.list("blocks/" + ulid + "/").get(0).key();
            byte[] bytes;
            try (InputStream in = store.get(key)) {
                bytes = in.readAllBytes();
            }
            bytes[bytes.length / 2] ^= 0x01;
            store.put(key, bytes);
            return key;
        }
    }

    private Result ok(CliRunner cli, String... args) {
        Result r = cli.run(args);
        results.add(r);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    private CliRunner cli(Path config) {
        return new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_CONFIG", config.toString(),
                "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }

    private Path config(String bucket, String extra) throws IOException {
        Path file = EndToEndSupport.s3Config(dir, S3, S3ProxyServer.repositoryUri(bucket, ""), S3.secretKey());
        Files.writeString(file, Files.readString(file) + extra);
        return file;
    }
}
