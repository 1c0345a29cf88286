package io.promdr.core.tsdb.verify;

import io.promdr.core.testing.TsdbTestData;
import io.promdr.core.tsdb.BlockMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Sound promtool blocks, whose series, chunks and samples are known exactly. */
class BlockVerifierIT {
    @TempDir
    Path tmp;

    private final BlockVerifier verifier = new BlockVerifier();

    @Test
    void countsEverySeriesChunkAndSampleOfTwoHourBlocks() throws IOException {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("blocks"), 100, 6, 15);
        assertThat(data.blockDirs()).hasSize(3);

        long samples = 0;
        for (Path block : data.blockDirs()) {
            BlockVerification result = verifier.verify(block);

            assertThat(result.problems()).isEmpty();
            assertThat(result.ok()).isTrue();
            assertThat(result.ulid()).isEqualTo(block.getFileName().toString());
            // 2h of 15 s samples = 480 per series, cut into chunks of 120.
            assertThat(result.series()).isEqualTo(100);
            assertThat(result.chunks()).isEqualTo(400);
            assertThat(result.samples()).isEqualTo(48_000);
            assertThat(result.checksRun()).containsExactlyElementsOf(BlockVerifier.ALL_CHECKS.subList(0,
                    BlockVerifier.ALL_CHECKS.size() - 1));
            BlockMeta meta = result.meta();
            assertThat(meta.ulid()).isEqualTo(result.ulid());
            assertThat(meta.stats().numSamples()).isEqualTo(result.samples());
            samples += result.samples();
        }
        assertThat(samples).isEqualTo(data.samplesTotal());
    }

    @Test
    void verifiesDayLongBlocks() throws IOException {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("blocks"), 200, 24, 15,
                TsdbTestData.defaultEndEpochSec(java.time.Instant.now()), "24h");

        long samples = 0;
        long series = 0;
        for (Path block : data.blockDirs()) {
            BlockVerification result = verifier.verify(block);
            assertThat(result.problems()).isEmpty();
            BlockMeta meta = result.meta();
            assertThat(result.series()).isEqualTo(meta.stats().numSeries()).isEqualTo(200);
            assertThat(result.chunks()).isEqualTo(meta.stats().numChunks());
            samples += result.samples();
            series = Math.max(series, result.series());
        }
        assertThat(samples).isEqualTo(data.samplesTotal()).isEqualTo(200L * 24 * 240);
        assertThat(series).isEqualTo(200);
    }
}
