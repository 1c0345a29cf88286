package io.promdr.core.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TsdbTestDataIT {
    @TempDir
    Path tmp;

    @Test
    void generatesTwoHourBlocksWithTheExpectedTotals() throws Exception {
        long end = 1_795_514_400L; // a 2h boundary
        TsdbTestData.Expected expected = TsdbTestData.generate(tmp.resolve("blocks"), 100, 6, 15, end);

        assertThat(expected.blockDirs()).hasSize(3);
        assertThat(expected.samplesPerSeries()).isEqualTo(6 * 3600 / 15);
        assertThat(expected.samplesTotal()).isEqualTo(100L * 1440);
        assertThat(expected.firstTsMs()).isEqualTo((end - 6 * 3600) * 1000);
        assertThat(expected.lastTsMs()).isEqualTo((end - 15) * 1000);
        assertThat(expected.timestampMs(expected.samplesPerSeries() - 1)).isEqualTo(expected.lastTsMs());
        assertThat(expected.endEpochSec()).isEqualTo(end);
        for (Path block : expected.blockDirs()) {
            assertThat(block.resolve("meta.json")).isRegularFile();
            assertThat(block.resolve("index")).isRegularFile();
            assertThat(block.resolve("tombstones")).isRegularFile();
            assertThat(block.resolve("chunks/000001")).isRegularFile();
        }
        assertThat(Files.readString(expected.blockDirs().get(0).resolve("meta.json")))
                .contains("\"minTime\": " + expected.firstTsMs());
        try (var leftovers = Files.list(tmp)) {
            assertThat(leftovers).containsExactly(tmp.resolve("blocks"));
        }
    }

    @Test
    void defaultEndIsATwoHourBoundaryAtLeastThreeHoursAgo() {
        Instant now = Instant.ofEpochSecond(1_795_520_000L);
        long end = TsdbTestData.defaultEndEpochSec(now);
        assertThat(end % 7200).isZero();
        assertThat(now.getEpochSecond() - end).isBetween(3 * 3600L, 5 * 3600L);
    }

    @Test
    void maxBlockDurationMakesFewerBlocks() {
        long end = 1_795_514_400L - 7200 * 3; // 18h-aligned is not needed, only fewer blocks
        TsdbTestData.Expected expected = TsdbTestData.generate(tmp.resolve("big"), 5, 12, 60, end, "24h");
        assertThat(expected.blockDirs()).hasSizeLessThan(6);
        assertThat(expected.samplesTotal()).isEqualTo(5L * 720);
    }

    @Test
    void refusesANonEmptyOutputDirectory() throws Exception {
        Files.writeString(tmp.resolve("x"), "x");
        assertThatThrownBy(() -> TsdbTestData.generate(tmp, 1, 2, 15))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
    }

    @Test
    void valuesAndLabelsFollowTheFormula() {
        assertThat(TsdbTestData.valueOf(7, 42)).isEqualTo(7_000_042.0);
        assertThat(TsdbTestData.instanceOf(7)).isEqualTo("host-00007");
    }
}
