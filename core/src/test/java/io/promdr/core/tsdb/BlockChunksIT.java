package io.promdr.core.tsdb;

import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XOR decoder against promtool blocks whose every value is known: sample k of series s holds
 * s * 1e6 + k at first + k * step, so each decoded sample proves its own timestamp and value.
 */
class BlockChunksIT {
    @TempDir
    static Path dir;
    static TsdbTestData.Expected data;

    @BeforeAll
    static void generate() {
        // 30 s steps over 8 h in one 24h-capped block, plus irregular deltas where series cross chunk boundaries.
        data = TsdbTestData.generate(dir.resolve("blocks"), 25, 8, 30, TsdbTestData.defaultEndEpochSec(Instant.now()),
                "24h");
    }

    @Test
    void everyDecodedSampleHasItsKnownTimestampAndValue() throws IOException {
        long decoded = 0;
        Set<String> seen = new HashSet<>();
        for (Path block : data.blockDirs()) {
            long[] perBlock = {0};
            BlockChunks.forEachChunk(block, (encoding, bytes, length) -> {
                assertThat(encoding).isEqualTo(1);
                int[] inChunk = {0};
                XorChunk.decode(bytes, 0, length, (t, v) -> {
                    int series = (int) (v / 1_000_000);
                    long k = Math.round(v - series * 1_000_000.0);
                    assertThat(series).isBetween(1, data.series());
                    assertThat(t).as("timestamp of sample %d of series %d", k, series).isEqualTo(data.timestampMs(k));
                    assertThat(seen.add(series + "/" + k)).as("sample %d of series %d decoded once", k, series).isTrue();
                    inChunk[0]++;
                });
                assertThat(inChunk[0]).isEqualTo(XorChunk.sampleCount(bytes, 0, length));
                perBlock[0] += inChunk[0];
            });
            assertThat(perBlock[0]).isEqualTo(BlockMeta.read(block).stats().numSamples());
            assertThat(BlockChunks.staleMarkers(block)).isZero();
            decoded += perBlock[0];
        }
        assertThat(decoded).isEqualTo(data.samplesTotal());
    }
}
