package io.promdr.core.repo;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.BlockStats;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.SourceInfo;
import io.promdr.core.model.StoredObject;
import io.promdr.core.store.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Manifests with composed blocks (format version 2): how they are written, read, and refused when inconsistent. */
class ComposedManifestTest {
    private static final String A = "01JD8X6S41TSV4RRFFQ69G5FA1";
    private static final String B = "01JD8X6S41TSV4RRFFQ69G5FB2";
    private static final String C = "01JD8X6S41TSV4RRFFQ69G5FC3";
    private static final String COMPACTED = "01JD8X6S41TSV4RRFFQ69G5FE5";
    private static final String ID = "20261121T010000Z-00000002";

    private final BlockRecord a = stored(A, 0, 100, "a");
    private final BlockRecord b = stored(B, 100, 200, "b");
    private final BlockRecord c = stored(C, 200, 300, "c");
    private final BlockRecord ab = BlockRecord.composed(COMPACTED, 0, 200, new BlockStats(20, 1, 2, 0), 2, List.of(A, B),
            List.of(a, b));

    @Test
    void aComposedBlockRoundTripsAndRestoresAsItsParts() throws IOException {
        Repository repository = Repository.init(new InMemoryObjectStore(), "test");
        Manifest manifest = manifest(Manifest.formatVersionFor(List.of(ab, c)), List.of(ab, c));
        assertThat(manifest.formatVersion()).isEqualTo(Manifest.COMPOSED_FORMAT_VERSION);
        String key = repository.commitManifest(manifest);
        String json = new String(repository.store().get(key).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"composedOf\"").contains("\"sources\"").doesNotContain("\"object\" : null");

        Manifest read = repository.readManifest(key);
        assertThat(read).isEqualTo(manifest);
        assertThat(read.storedBlocks()).containsExactly(a, b, c);
        assertThat(read.composedBlocks()).containsExactly(ab);
        assertThat(read.composedSavedSize()).isEqualTo(a.object().size() + b.object().size());
        assertThat(read.totalStoredSize()).isEqualTo(3 * 1000);
        assertThat(read.totalSamples()).isEqualTo(20 + 10);
    }

    @Test
    void aManifestWithoutComposedBlocksStaysVersionOneAndOmitsTheNewFields() throws IOException {
        assertThat(Manifest.formatVersionFor(List.of(a, b))).isEqualTo(Manifest.FORMAT_VERSION);
        Repository repository = Repository.init(new InMemoryObjectStore(), "test");
        String key = repository.commitManifest(manifest(1, List.of(a, b)));
        String json = new String(repository.store().get(key).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("composedOf").doesNotContain("sources");
    }

    @Test
    void aPartListedOnItsOwnToIsRestoredOnce() {
        assertThat(manifest(2, List.of(ab, a, c)).storedBlocks()).containsExactly(a, b, c);
    }

    @Test
    void inconsistentCompositionsAreRefused() throws IOException {
        assertRefused(manifest(1, List.of(ab, c)), "but format version 1");
        BlockRecord overlapping = BlockRecord.composed(COMPACTED, 0, 200, ab.stats(), 2, List.of(A, B),
                List.of(a, stored(B, 50, 200, "b")));
        assertRefused(manifest(2, List.of(overlapping)), "overlaps another part");
        BlockRecord outside = BlockRecord.composed(COMPACTED, 0, 150, ab.stats(), 2, List.of(A, B), List.of(a, b));
        assertRefused(manifest(2, List.of(outside)), "outside the block's time range");
        BlockRecord nested = BlockRecord.composed("01JD8X6S41TSV4RRFFQ69G5FF6", 0, 300, ab.stats(), 3, List.of(A, B, C),
                List.of(ab, c));
        assertRefused(manifest(2, List.of(nested)), "is composed too");
        BlockRecord otherA = stored(A, 0, 100, "d");
        assertRefused(manifest(2, List.of(ab, otherA)), "two different objects for block " + A);
        BlockRecord withObject = new BlockRecord(COMPACTED, 0, 200, ab.stats(), 2, a.contentHash(), a.object(), List.of(),
                List.of(A, B), List.of(a, b));
        assertRefused(manifest(2, List.of(withObject)), "with an object or files of its own");
    }

    private static void assertRefused(Manifest manifest, String message) throws IOException {
        Repository repository = Repository.init(new InMemoryObjectStore(), "test");
        String key = repository.commitManifest(manifest);
        assertThatThrownBy(() -> repository.readManifest(key))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNREADABLE))
                .hasMessageContaining(message);
    }

    private static Manifest manifest(int version, List<BlockRecord> blocks) {
        return new Manifest(version, ID, new SourceInfo("default", "http://127.0.0.1:9090", null, "host"),
                Instant.parse("2026-11-21T01:00:00Z"), Instant.parse("2026-11-21T01:00:05Z"), "snap", "dev", blocks);
    }

    private static BlockRecord stored(String ulid, long min, long max, String hashDigit) {
        String hash = hashDigit.repeat(64);
        return new BlockRecord(ulid, min, max, new BlockStats(10, 1, 1, 0), 1, hash,
                new StoredObject(RepositoryLayout.blockObjectKey(ulid, hash), 1000, hash),
                List.of(new FileRecord("index", 10, hash)));
    }
}
