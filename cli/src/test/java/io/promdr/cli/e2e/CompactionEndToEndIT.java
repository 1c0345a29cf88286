package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.cli.schema.JsonSchemas;
import io.promdr.core.testing.ExternalBinary;
import io.promdr.core.testing.Poll;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daily backups of a Prometheus that compacts its blocks, through the real entry point: day 1
 * backs up 2h blocks (compaction off), then the real Prometheus compacts them into 6h blocks, and
 * day 2 records each compacted block as composed of the day-1 objects instead of uploading it.
 * That backup must restore to the same samples ({@code promtool tsdb dump}), pass a drill and
 * verify, and survive a prune of day 1. A compaction that dropped samples (delete_series) is
 * uploaded as usual.
 *
 * <p>Prometheus 2.42 plans block compactions once a minute, or at once when its head becomes
 * compactable (it spans more than 3h). A scrape target exposing two samples with explicit
 * timestamps 3h+ apart makes the head compactable on the first scrape, so the test waits seconds.
 */
class CompactionEndToEndIT {
    private static final String[] NO_COMPACTION = {"--storage.tsdb.min-block-duration=2h",
            "--storage.tsdb.max-block-duration=2h"};
    private static final String[] COMPACTION = {"--storage.tsdb.min-block-duration=2h",
            "--storage.tsdb.max-block-duration=6h"};
    private static final int SERIES = 10;
    private static final int HOURS = 14;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    static Path shared;
    static TsdbTestData.Expected data;
    static HttpServer trigger;

    @TempDir
    Path dir;

    private final List<Result> results = new ArrayList<>();

    @BeforeAll
    static void generate() throws IOException {
        data = TsdbTestData.generate(shared.resolve("generated"), SERIES, HOURS, 60);
        assertThat(data.blockDirs()).hasSize(HOURS / 2);
        // Two samples 3h+ apart, after the generated data: the head is compactable at the first scrape.
        long old = (data.endEpochSec() + 60) * 1000;
        trigger = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        trigger.createContext("/metrics", exchange -> {
            byte[] body = ("compaction_trigger_old 1 " + old + "\ncompaction_trigger_now 1 " + System.currentTimeMillis()
                    + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        trigger.start();
    }

    @AfterAll
    static void stop() {
        if (trigger != null) {
            trigger.stop(0);
        }
    }

    @Test
    void aCompactedBlockIsRecordedAsItsStoredPartsAndRestoresToTheSameSamples() throws Exception {
        Path dataDir = dir.resolve("prometheus-data");
        PrometheusServer.backfill(data.blockDirs(), dataDir);
        CliRunner cli = cli(config("retention:\n  keepLast: 1\n  gracePeriod: 0s\n"));
        ok(cli, "init");

        JsonNode day1;
        try (PrometheusServer prometheus = PrometheusServer.builder(dataDir).extraArgs(NO_COMPACTION).start()) {
            Result backup = backup(cli, prometheus);
            assertThat(backup.out()).contains(" committed: " + data.blockDirs().size() + " blocks, "
                    + data.blockDirs().size() + " uploaded");
            day1 = show(cli, EndToEndSupport.backupIdIn(backup));
        }
        Set<String> day1Objects = objectKeys(day1);

        JsonNode day2;
        Result backup2;
        try (PrometheusServer prometheus = compacting(dataDir)) {
            backup2 = backup(cli, prometheus);
            day2 = show(cli, EndToEndSupport.backupIdIn(backup2));
        }
        assertThat(day2.get("formatVersion").asInt()).isEqualTo(2);
        List<JsonNode> composed = new ArrayList<>();
        for (JsonNode block : day2.get("blocks")) {
            if (block.has("composedOf")) {
                composed.add(block);
                assertThat(block.has("object")).isFalse();
                assertThat(block.get("compactionLevel").asInt()).isEqualTo(2);
                long samples = 0;
                for (JsonNode part : block.get("composedOf")) {
                    assertThat(day1Objects).contains(part.get("object").get("key").asText());
                    samples += part.get("stats").get("numSamples").asLong();
                }
                assertThat(samples).isEqualTo(block.get("stats").get("numSamples").asLong());
            } else if (block.get("minTime").asLong() < data.endEpochSec() * 1000) {
                assertThat(block.get("compactionLevel").asInt()).as("every compacted block is composed").isEqualTo(1);
                assertThat(day1Objects).contains(block.get("object").get("key").asText());
            }
        }
        assertThat(composed).as(backup2.toString()).isNotEmpty();
        assertThat(backup2.out()).contains("compacted from stored blocks, recorded as references to them");
        // Only the blocks of the trigger's two samples are new: nothing of the generated data was uploaded again.
        Set<String> newObjects = new HashSet<>(objectKeys(day2));
        newObjects.removeAll(day1Objects);
        for (JsonNode block : day2.get("blocks")) {
            if (!block.has("composedOf") && newObjects.contains(block.get("object").get("key").asText())) {
                assertThat(block.get("minTime").asLong()).isGreaterThanOrEqualTo(data.endEpochSec() * 1000);
            }
        }

        JsonNode listed = JsonSchemas.assertValid("list", ok(cli, "list", "-o", "json").out());
        assertThat(listed.get(1).get("composedBlocks").asInt()).isEqualTo(composed.size());
        assertThat(listed.get(1).get("composedSavedBytes").asLong()).isPositive();
        assertThat(ok(cli, "list").out()).contains("compacted block(s) as references to blocks already stored");
        assertThat(ok(cli, "show", "latest").out()).contains("is composed of blocks stored earlier");

        // Restore writes the parts in place of each composed block: the same samples as the compacted data.
        Path restored = dir.resolve("restored");
        ok(cli, "restore", "latest", "--to", restored.toString());
        assertThat(blockDirs(restored)).containsAll(data.ulids());
        assertThat(dump(restored)).isEqualTo(dump(dataDir)).hasSize((int) data.samplesTotal());

        // The documented way back without promdr writes the same parts.
        Path byHand = dir.resolve("restored-by-hand");
        restoreByHand(byHand);
        assertThat(blockDirs(byHand)).isEqualTo(blockDirs(restored));
        assertThat(dump(byHand)).isEqualTo(dump(dataDir));

        JsonNode drill = JSON.readTree(ok(cli, "drill", "latest", "--scratch", dir.resolve("scratch").toString(),
                "-o", "json").out());
        assertThat(drill.path("result").asText()).as(drill.toPrettyString()).isEqualTo("passed");
        assertThat(drill.path("blocks").asInt()).as("the parts are restored in place of the composed blocks")
                .isGreaterThan(day2.get("blocks").size());
        assertThat(ok(cli, "verify", "all", "--read-data").out()).contains("; no problems");

        // Day 1 goes; the objects day 2 references through its composed blocks stay.
        Result prune = ok(cli, "prune");
        assertThat(prune.out()).contains("removed 1 of 2 backups, keeping 1");
        Set<String> keys = EndToEndSupport.keys(S3, bucket);
        for (String key : objectKeys(day2)) {
            assertThat(keys).contains(key);
        }
        assertThat(ok(cli, "verify", "all", "--read-data").out()).contains("; no problems");
        Path again = dir.resolve("restored-after-prune");
        ok(cli, "restore", "latest", "--to", again.toString());
        assertThat(dump(again)).isEqualTo(dump(dataDir));
    }

    @Test
    void aCompactionThatDroppedSamplesIsUploaded() throws Exception {
        Path dataDir = dir.resolve("prometheus-data");
        PrometheusServer.backfill(data.blockDirs(), dataDir);
        CliRunner cli = cli(config(""));
        ok(cli, "init");
        JsonNode day1;
        try (PrometheusServer prometheus = PrometheusServer.builder(dataDir).extraArgs(NO_COMPACTION).start()) {
            day1 = show(cli, EndToEndSupport.backupIdIn(backup(cli, prometheus)));
            String match = URLEncoder.encode(TsdbTestData.METRIC + "{instance=\"" + TsdbTestData.instanceOf(1) + "\"}",
                    StandardCharsets.UTF_8);
            assertThat(prometheus.send(HttpRequest.newBuilder(prometheus.baseUrl()
                    .resolve("/api/v1/admin/tsdb/delete_series?match[]=" + match))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(204);
        }
        JsonNode day2;
        try (PrometheusServer prometheus = compacting(dataDir)) {
            day2 = show(cli, EndToEndSupport.backupIdIn(backup(cli, prometheus)));
        }
        Set<String> day1Objects = objectKeys(day1);
        int compacted = 0;
        for (JsonNode block : day2.get("blocks")) {
            if (block.get("compactionLevel").asInt() >= 2) {
                compacted++;
                assertThat(block.has("composedOf")).as("compaction applied the tombstones").isFalse();
                assertThat(day1Objects).doesNotContain(block.get("object").get("key").asText());
            }
        }
        assertThat(compacted).isPositive();
        assertThat(day2.get("formatVersion").asInt()).isEqualTo(1);
    }

    /** Restarts Prometheus on {@code dataDir} with compaction up to 6h and waits until it has compacted. */
    private static PrometheusServer compacting(Path dataDir) {
        PrometheusServer prometheus = PrometheusServer.builder(dataDir).extraArgs(COMPACTION)
                .scrapeTarget("127.0.0.1:" + trigger.getAddress().getPort()).start();
        try {
            Poll.until(Duration.ofSeconds(60), Duration.ofMillis(200), () -> compacted(dataDir) ? Boolean.TRUE : null,
                    () -> "Prometheus did not compact " + dataDir + ":\n" + prometheus.logTail(30));
            return prometheus;
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
    }

    /** True when a level-2 block exists, none of its parents is left, and nothing is being written. */
    private static boolean compacted(Path dataDir) {
        try (Stream<Path> entries = Files.list(dataDir)) {
            List<Path> dirs = entries.toList();
            if (dirs.stream().anyMatch(p -> p.getFileName().toString().contains(".tmp"))) {
                return false;
            }
            Set<String> names = new HashSet<>();
            Set<String> parents = new HashSet<>();
            for (Path p : dirs) {
                names.add(p.getFileName().toString());
                Path meta = p.resolve("meta.json");
                if (Files.isRegularFile(meta)) {
                    JsonNode compaction = JSON.readTree(meta.toFile()).path("compaction");
                    if (compaction.path("level").asInt() >= 2) {
                        compaction.path("parents").forEach(parent -> parents.add(parent.get("ulid").asText()));
                    }
                }
            }
            return !parents.isEmpty() && parents.stream().noneMatch(names::contains);
        } catch (IOException e) {
            return false; // a block renamed or deleted while being read: look again
        }
    }

    /** Every sample of the generated data's time range, as {@code promtool tsdb dump} prints it, sorted. */
    private List<String> dump(Path tsdb) throws Exception {
        Path promtool = ExternalBinary.locate("PROMTOOL", "promtool");
        Path out = Files.createTempFile(dir, "dump-", ".txt");
        Process process = new ProcessBuilder(promtool.toString(), "tsdb", "dump",
                "--min-time=" + data.firstTsMs(), "--max-time=" + data.lastTsMs(), tsdb.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(out)).isZero();
        List<String> lines = Files.readAllLines(out).stream().filter(l -> l.startsWith("{")).sorted().toList();
        Files.delete(out);
        return lines;
    }

    /** scripts/restore-by-hand.sh latest into {@code target}, from the S3 repository, with the AWS CLI. */
    private void restoreByHand(Path target) throws Exception {
        Path awsConfig = Files.writeString(dir.resolve("aws-config"),
                "[default]\nresponse_checksum_validation = when_required\ns3 =\n  addressing_style = path\n");
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("scripts/restore-by-hand.sh"))) {
            root = root.getParent();
        }
        Path out = Files.createTempFile(dir, "by-hand-", ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("scripts/restore-by-hand.sh").toString(),
                S3ProxyServer.repositoryUri(bucket, ""), "latest", target.toString(), "prod")
                .redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(Map.of("HOME", dir.toString(), "AWS_ENDPOINT_URL", S3.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", S3.accessKey(), "AWS_SECRET_ACCESS_KEY", S3.secretKey(),
                "AWS_REGION", S3ProxyServer.REGION, "AWS_DEFAULT_REGION", S3ProxyServer.REGION,
                "AWS_CONFIG_FILE", awsConfig.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString()));
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(out)).isZero();
    }

    private static Set<String> blockDirs(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            // Block directories only: promtool tsdb dump leaves a chunks_head directory behind.
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-7][0-9A-Z]{25}")).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** The keys of every object a manifest references, through composed blocks too. */
    private static Set<String> objectKeys(JsonNode manifest) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode block : manifest.get("blocks")) {
            if (block.has("composedOf")) {
                block.get("composedOf").forEach(part -> keys.add(part.get("object").get("key").asText()));
            } else {
                keys.add(block.get("object").get("key").asText());
            }
        }
        return keys;
    }

    private JsonNode show(CliRunner cli, String backupId) throws IOException {
        return JsonSchemas.assertValid("manifest", ok(cli, "show", backupId, "-o", "json").out());
    }

    private Result backup(CliRunner cli, PrometheusServer prometheus) {
        return ok(cli, "backup", "--prometheus", prometheus.baseUrl().toString(), "--data-dir",
                prometheus.dataDir().toString(), "--source", "prod");
    }

    private Result ok(CliRunner cli, String... args) {
        Result r = cli.run(args);
        results.add(r);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    private String bucket;

    private CliRunner cli(Path config) {
        return new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_CONFIG", config.toString(),
                "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }

    private Path config(String extra) throws IOException {
        bucket = S3.newBucket();
        Path file = EndToEndSupport.s3Config(dir, S3, S3ProxyServer.repositoryUri(bucket, ""), S3.secretKey());
        Files.writeString(file, Files.readString(file) + extra);
        return file;
    }
}
