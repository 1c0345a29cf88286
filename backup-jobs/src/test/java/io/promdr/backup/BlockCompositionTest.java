package io.promdr.backup;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.BlockStats;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.StoredObject;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.tsdb.BlockMeta;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The composition rule on meta.json alone: what proves a compacted block is exactly its stored parts. */
class BlockCompositionTest {
    private static final long H = 3_600_000;
    private static final String A = "01JD8X6S41TSV4RRFFQ69G5FA1";
    private static final String B = "01JD8X6S41TSV4RRFFQ69G5FB2";
    private static final String C = "01JD8X6S41TSV4RRFFQ69G5FC3";
    private static final String AB = "01JD8X6S41TSV4RRFFQ69G5FD4";
    private static final String COMPACTED = "01JD8X6S41TSV4RRFFQ69G5FE5";

    private final BlockRecord a = stored(A, 0, 2 * H, 100, 10, List.of());
    private final BlockRecord b = stored(B, 2 * H, 4 * H, 100, 10, List.of());
    private final BlockRecord c = stored(C, 4 * H, 6 * H, 100, 10, List.of());

    @Test
    void blocksWhoseSourcesSamplesAndRangeAddUpComposeIt() {
        BlockComposition.Decision d = BlockComposition.decide(meta(0, 6 * H, 300, 30, 0, A, B, C), List.of(c, a, b));
        assertThat(d.composed()).isPresent();
        BlockRecord composed = d.composed().get();
        assertThat(composed.isComposed()).isTrue();
        assertThat(composed.composedOf()).containsExactly(a, b, c);
        assertThat(composed.object()).isNull();
        assertThat(composed.sources()).containsExactly(A, B, C);
        assertThat(composed.storedBlocks()).containsExactly(a, b, c);
        assertThat(composed.filesSize()).isEqualTo(a.filesSize() + b.filesSize() + c.filesSize());
    }

    @Test
    void theLargestStoredBlocksAreUsedFirst() {
        BlockRecord ab = stored(AB, 0, 4 * H, 200, 20, List.of(A, B));
        BlockComposition.Decision d = BlockComposition.decide(meta(0, 6 * H, 300, 30, 0, A, B, C), List.of(a, b, c, ab));
        assertThat(d.composed().orElseThrow().composedOf()).containsExactly(ab, c);
    }

    @Test
    void aMissingSourceMeansUpload() {
        assertThat(BlockComposition.decide(meta(0, 6 * H, 300, 30, 0, A, B, C), List.of(a, b)).reason())
                .contains("not all of its 3 compaction sources are stored");
    }

    @Test
    void droppedSamplesMeanUpload() {
        // delete_series then compaction: the tombstones were applied, 5 samples are gone.
        assertThat(BlockComposition.decide(meta(0, 6 * H, 295, 30, 0, A, B, C), List.of(a, b, c)).composed()).isEmpty();
        // Chunks merged or re-cut: not a plain concatenation.
        assertThat(BlockComposition.decide(meta(0, 6 * H, 300, 29, 0, A, B, C), List.of(a, b, c)).reason())
                .contains("compaction dropped or merged samples");
    }

    @Test
    void overlappingPartsMeanUpload() {
        // Vertical compaction merges overlapping blocks and deduplicates samples: never a composition.
        BlockRecord overlapping = stored(B, H, 4 * H, 100, 10, List.of());
        assertThat(BlockComposition.decide(meta(0, 6 * H, 300, 30, 0, A, B, C), List.of(a, overlapping, c)).reason())
                .contains("overlap in time");
    }

    @Test
    void tombstonesOnTheBlockOrAPartMeanUpload() {
        assertThat(BlockComposition.decide(meta(0, 6 * H, 300, 30, 1, A, B, C), List.of(a, b, c)).reason())
                .contains("has tombstones");
        BlockRecord deleted = new BlockRecord(B, 2 * H, 4 * H, new BlockStats(100, 1, 10, 1), 1, b.contentHash(),
                b.object(), b.files());
        assertThat(BlockComposition.decide(meta(0, 6 * H, 300, 30, 0, A, B, C), List.of(a, deleted, c)).composed()).isEmpty();
    }

    @Test
    void aRangeTheStoredBlocksDoNotSpanMeansUpload() {
        assertThat(BlockComposition.decide(meta(0, 7 * H, 300, 30, 0, A, B, C), List.of(a, b, c)).reason())
                .contains("do not span its time range");
    }

    @Test
    void levelOneBlocksAndBlocksWithoutKnownSourcesAreNotComposed() {
        BlockMeta level1 = new BlockMeta(A, 0, 2 * H, new BlockStats(100, 1, 10, 0), 1, 1, List.of(A));
        assertThat(BlockComposition.decide(level1, List.of(a)).composed()).isEmpty();
        // A level-2 block recorded by an older promdr has no sources: it cannot be a part.
        BlockRecord unknown = stored(AB, 0, 4 * H, 200, 20, List.of());
        BlockRecord unknownLevel2 = new BlockRecord(AB, 0, 4 * H, unknown.stats(), 2, unknown.contentHash(),
                unknown.object(), unknown.files());
        assertThat(BlockComposition.decide(meta(0, 6 * H, 300, 30, 0, A, B, C), List.of(unknownLevel2, c)).composed())
                .isEmpty();
    }

    private static BlockMeta meta(long min, long max, long samples, long chunks, long tombstones, String... sources) {
        return new BlockMeta(COMPACTED, min, max, new BlockStats(samples, 3, chunks, tombstones), 2, 1, List.of(sources));
    }

    private static BlockRecord stored(String ulid, long min, long max, long samples, long chunks, List<String> sources) {
        String hash = "%064x".formatted(ulid.hashCode() & 0xffffffffL);
        return new BlockRecord(ulid, min, max, new BlockStats(samples, 3, chunks, 0), sources.isEmpty() ? 1 : 2, hash,
                new StoredObject(RepositoryLayout.blockObjectKey(ulid, hash), 1000, "b".repeat(64)),
                List.of(new FileRecord("index", 500, "c".repeat(64))), sources, List.of());
    }
}
