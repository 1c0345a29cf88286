package io.promdr.core.tsdb.verify;

import io.promdr.core.prometheus.PrometheusAdminClient;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import io.promdr.core.tsdb.BlockMeta;
import io.promdr.core.tsdb.SnapshotDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocks written by a real Prometheus: a head snapshot, a block rewritten by its compactor, a block with tombstones. */
class PrometheusBlocksVerifierIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final BlockVerifier verifier = new BlockVerifier();

    @Test
    void headSnapshotOfASelfScrapingServer() throws IOException {
        Path dataDir = tmp.resolve("data");
        try (PrometheusServer prom = PrometheusServer.builder(dataDir).scrapeSelf(true).start()) {
            prom.awaitNonEmpty("count_over_time(up[1m]) >= 3", TIMEOUT);

            List<Path> blocks = snapshot(prom, false);

            assertThat(blocks).hasSize(1);
            BlockVerification result = verifier.verify(blocks.get(0));
            assertThat(result.problems()).isEmpty();
            BlockMeta meta = result.meta();
            assertThat(result.series()).isEqualTo(meta.stats().numSeries()).isGreaterThan(100);
            assertThat(result.chunks()).isEqualTo(meta.stats().numChunks());
            assertThat(result.samples()).isEqualTo(meta.stats().numSamples()).isGreaterThanOrEqualTo(result.series());
        }
    }

    @Test
    void blockRewrittenByCleanTombstones() throws IOException {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("gen"), 10, 2, 15);
        String original = data.ulids().get(0);
        Path dataDir = tmp.resolve("data");
        PrometheusServer.backfill(data.blockDirs(), dataDir);
        try (PrometheusServer prom = PrometheusServer.start(dataDir)) {
            // Delete the first 100 samples of one series, then let the compactor rewrite the block without them.
            long from = data.firstTsMs() / 1000;
            long to = data.timestampMs(99) / 1000;
            deleteSeries(prom, 3, "&start=" + from + "&end=" + to);
            post(prom, "/api/v1/admin/tsdb/clean_tombstones");

            List<Path> blocks = snapshot(prom, true);

            assertThat(blocks).hasSize(1);
            BlockVerification result = verifier.verify(blocks.get(0));
            assertThat(result.problems()).isEmpty();
            assertThat(result.ulid()).isNotEqualTo(original);
            assertThat(result.series()).isEqualTo(10);
            assertThat(result.samples()).isEqualTo(data.samplesTotal() - 100);
            assertThat(result.chunks()).isEqualTo(result.meta().stats().numChunks());
            assertThat(result.meta().stats().numTombstones()).isZero();
        }
    }

    @Test
    void blockWithSeveralChunkSegments() throws IOException {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("gen"), 2000, 2, 15);
        Path dataDir = tmp.resolve("data");
        PrometheusServer.backfill(data.blockDirs(), dataDir);
        // 1.8 MB of chunks: rewritten with 1 MB segments, the block gets two.
        try (PrometheusServer prom = PrometheusServer.builder(dataDir)
                .extraArgs("--storage.tsdb.max-block-chunk-segment-size=1MB").start()) {
            deleteSeries(prom, 3, "");
            post(prom, "/api/v1/admin/tsdb/clean_tombstones");

            Path block = snapshot(prom, true).get(0);

            assertThat(block.resolve("chunks/000002")).exists();
            BlockVerification result = verifier.verify(block);
            assertThat(result.problems()).isEmpty();
            assertThat(result.series()).isEqualTo(1999);
            assertThat(result.samples()).isEqualTo(data.samplesTotal() - data.samplesPerSeries());

            // Without its first segment, every reference points at the wrong file.
            Files.delete(block.resolve("chunks/000001"));
            BlockVerification damaged = verifier.verify(block);
            assertThat(damaged.problems().get(0)).isEqualTo(new VerificationProblem(BlockVerifier.CHECK_BLOCK_FILES,
                    "chunks/000002", "segment 1 of 1 is named 000002 instead of 000001: a segment is missing or"
                    + " misnamed, so chunk references to it and to later segments point at the wrong file"));
            assertThat(damaged.problems(BlockVerifier.CHECK_CHUNKS_REF)).isNotEmpty();
        }
    }

    @Test
    void blockWithTombstonesAfterDeleteSeries() throws IOException {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("gen"), 10, 2, 15);
        Path dataDir = tmp.resolve("data");
        PrometheusServer.backfill(data.blockDirs(), dataDir);
        try (PrometheusServer prom = PrometheusServer.start(dataDir)) {
            deleteSeries(prom, 3, "");

            Path block = snapshot(prom, true).get(0);

            BlockVerification result = verifier.verify(block);
            assertThat(result.problems()).isEmpty();
            assertThat(result.checksRun()).contains(BlockVerifier.CHECK_TOMBSTONES, BlockVerifier.CHECK_META_STATS);
            assertThat(result.meta().stats().numTombstones()).isEqualTo(1);
            // Tombstones hide samples from queries; they do not change the chunks.
            assertThat(result.samples()).isEqualTo(data.samplesTotal());

            // The tombstone count is read from the file, not taken from meta.json.
            BlockSurgery.setStat(block, "numTombstones", 2);
            assertThat(verifier.verify(block).problems()).containsExactly(new VerificationProblem(
                    BlockVerifier.CHECK_META_STATS, "meta.json",
                    "stats.numTombstones is 2 but the block holds 1 intervals in the tombstones file"));
        }
    }

    private static List<Path> snapshot(PrometheusServer prom, boolean skipHead) throws IOException {
        String name = new PrometheusAdminClient(prom.baseUrl(), Duration.ofSeconds(30)).createSnapshot(skipHead);
        return SnapshotDirectory.listBlocks(prom.dataDir().resolve("snapshots").resolve(name));
    }

    private static void deleteSeries(PrometheusServer prom, int series, String range) {
        String match = URLEncoder.encode(TsdbTestData.METRIC + "{instance=\"" + TsdbTestData.instanceOf(series) + "\"}",
                StandardCharsets.UTF_8);
        post(prom, "/api/v1/admin/tsdb/delete_series?match[]=" + match + range);
    }

    private static void post(PrometheusServer prom, String pathAndQuery) {
        HttpResponse<String> answer = prom.send(HttpRequest.newBuilder(prom.baseUrl().resolve(pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(answer.statusCode()).as(pathAndQuery + ": " + answer.body()).isEqualTo(204);
    }
}
