package io.promdr.backup;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.archive.BlockContentHash;
import io.promdr.core.snapshot.LocalSnapshotAccess;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.SourceInfo;
import io.promdr.core.model.StoredObject;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.testing.TsdbTestData;
import io.promdr.core.tsdb.BlockMeta;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KnownBlocksTest {
    @TempDir
    Path tmp;

    Path block;
    BlockRecord record;
    KnownBlocks known;

    @BeforeEach
    void recordOneBlock() throws IOException {
        block = TsdbTestData.generate(tmp.resolve("gen"), 3, 2, 60).blockDirs().get(0);
        BlockMeta meta = BlockMeta.read(block);
        List<FileRecord> files = new BlockArchiver(3).scan(block);
        String hash = BlockContentHash.of(files);
        record = new BlockRecord(meta.ulid(), meta.minTime(), meta.maxTime(), meta.stats(), meta.compactionLevel(), hash,
                new StoredObject(RepositoryLayout.blockObjectKey(meta.ulid(), hash), 123, "a".repeat(64)), files);
        known = new KnownBlocks();
        Instant now = Instant.now();
        known.addAll(new Manifest(1, "20261125T120000Z-0123abcd", new SourceInfo("other-source", "http://p:9090", null, "h"),
                now, now, "snap", "test", List.of(record)));
    }

    @Test
    void aBlockWithTheRecordedSizesAndMutableFilesIsUnchanged() throws IOException {
        assertThat(known.unchanged(LocalSnapshotAccess.block(block), record.ulid())).contains(record);
        assertThat(known.object(record.object().key())).contains(record.object());
    }

    @Test
    void aReplacedMetaJsonOfTheSameSizeIsAChange() throws IOException {
        String meta = Files.readString(block.resolve("meta.json"));
        Files.writeString(block.resolve("meta.json"), meta.replace("\"version\": 1", "\"version\": 2"));
        assertThat(Files.size(block.resolve("meta.json"))).isEqualTo(record.files().stream()
                .filter(f -> f.path().equals("meta.json")).findFirst().orElseThrow().size());

        assertThat(known.unchanged(LocalSnapshotAccess.block(block), record.ulid())).isEmpty();
    }

    @Test
    void rewrittenTombstonesAreAChange() throws IOException {
        Files.write(block.resolve("tombstones"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9});

        assertThat(known.unchanged(LocalSnapshotAccess.block(block), record.ulid())).isEmpty();
    }

    @Test
    void anExtraFileIsAChange() throws IOException {
        Files.writeString(block.resolve("chunks").resolve("000099"), "x");

        assertThat(known.unchanged(LocalSnapshotAccess.block(block), record.ulid())).isEmpty();
    }

    @Test
    void anUnknownUlidIsNotKnown() throws IOException {
        assertThat(known.unchanged(LocalSnapshotAccess.block(block), "01M87EQM1EZDKFPDWY7PPHMWX1")).isEmpty();
        assertThat(known.object("blocks/x/y.tar.zst")).isEmpty();
    }
}
