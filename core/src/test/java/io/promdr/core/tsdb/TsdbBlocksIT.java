package io.promdr.core.tsdb;

import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** BlockMeta and SnapshotDirectory on real promtool blocks. */
class TsdbBlocksIT {
    @TempDir
    Path tmp;

    @Test
    void readsEveryPromtoolBlock() throws IOException {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("blocks"), 50, 6, 30);

        assertThat(SnapshotDirectory.listBlocks(tmp.resolve("blocks"))).isEqualTo(data.blockDirs());
        long samples = 0;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        for (Path block : data.blockDirs()) {
            BlockMeta meta = BlockMeta.read(block);
            assertThat(meta.ulid()).isEqualTo(block.getFileName().toString());
            assertThat(meta.version()).isEqualTo(1);
            assertThat(meta.compactionLevel()).isEqualTo(1);
            assertThat(meta.stats().numSeries()).isEqualTo(50);
            assertThat(meta.stats().numChunks()).isPositive();
            assertThat(meta.stats().numTombstones()).isZero();
            samples += meta.stats().numSamples();
            minTime = Math.min(minTime, meta.minTime());
            maxTime = Math.max(maxTime, meta.maxTime());
        }
        assertThat(samples).isEqualTo(data.samplesTotal());
        // promtool blocks span first sample .. last sample + 1 ms.
        assertThat(minTime).isEqualTo(data.firstTsMs());
        assertThat(maxTime).isEqualTo(data.lastTsMs() + 1);
    }
}
