package io.promdr.core.archive;

import com.github.luben.zstd.ZstdInputStream;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;
import io.promdr.core.tsdb.Ulids;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockArchiverTest {
    private static final String ULID = FakeBlock.ULID;
    private final BlockArchiver archiver = new BlockArchiver(3);

    @TempDir
    Path tmp;

    @Test
    void scanListsEveryFileSortedWithSizeAndHash() throws IOException {
        Path block = FakeBlock.create(tmp, ULID);
        List<FileRecord> files = archiver.scan(block);
        assertThat(files).extracting(FileRecord::path)
                .containsExactly("chunks/000001", "chunks/000002", "index", "meta.json", "tombstones");
        FileRecord tombstones = files.get(4);
        assertThat(tombstones.size()).isEqualTo(9);
        HashingOutputStream expected = new HashingOutputStream(OutputStream.nullOutputStream());
        expected.write(Files.readAllBytes(block.resolve("tombstones")));
        assertThat(tombstones.sha256()).isEqualTo(expected.hex());
        assertThat(files.get(0).size()).isEqualTo(3L * BlockArchiver.BUFFER_SIZE + 17);
    }

    @Test
    void scanGivesTheSameRecordsWhateverTheNumberOfHashingThreads() throws IOException {
        Path block = FakeBlock.create(tmp, ULID);
        List<FileRecord> oneThread = BlockScanner.scan(block, 1);

        assertThat(BlockScanner.scan(block, 2)).isEqualTo(oneThread);
        assertThat(BlockScanner.scan(block, 8)).isEqualTo(oneThread);
        assertThat(oneThread).extracting(FileRecord::path)
                .containsExactly("chunks/000001", "chunks/000002", "index", "meta.json", "tombstones");
    }

    @Test
    void scanRefusesSymbolicLinksInABlock() throws IOException {
        Path block = FakeBlock.create(tmp, ULID);
        Files.createSymbolicLink(block.resolve("chunks/000003"), tmp.resolve("elsewhere"));
        assertThatThrownBy(() -> archiver.scan(block))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID))
                .hasMessageContaining("chunks/000003").hasMessageContaining("symbolic link");
    }

    @Test
    void scanRefusesAMissingBlock() {
        assertThatThrownBy(() -> archiver.scan(tmp.resolve(ULID)))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID));
    }

    @Test
    void packWritesFixedOrderAndMachineIndependentHeaders() throws IOException {
        Path block = FakeBlock.create(tmp, ULID);
        byte[] archive = pack(block, archiver.scan(block));

        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(new ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                entries.add(e);
            }
        }
        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(ULID + "/", ULID + "/meta.json",
                ULID + "/index", ULID + "/chunks/", ULID + "/chunks/000001", ULID + "/chunks/000002", ULID + "/tombstones");
        long ulidSeconds = Ulids.timestampMillis(ULID) / 1000;
        for (TarArchiveEntry e : entries) {
            assertThat(e.getMode() & 07777).as(e.getName()).isEqualTo(e.isDirectory() ? 0755 : 0644);
            assertThat(e.getLongUserId()).isZero();
            assertThat(e.getLongGroupId()).isZero();
            assertThat(e.getUserName()).isEmpty();
            assertThat(e.getGroupName()).isEmpty();
            assertThat(e.getLastModifiedTime().toMillis()).isEqualTo(ulidSeconds * 1000);
            assertThat(e.getExtraPaxHeaders()).isEmpty();
        }
        assertThat(entries.get(4).getSize()).isEqualTo(Files.size(block.resolve("chunks/000001")));
    }

    @Test
    void packIsDeterministic() throws IOException {
        Path block = FakeBlock.create(tmp, ULID);
        List<FileRecord> files = archiver.scan(block);
        assertThat(pack(block, files)).isEqualTo(pack(block, files));
    }

    @Test
    void packDoesNotCloseTheCallersStream() throws IOException {
        Path block = FakeBlock.create(tmp, ULID);
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        archiver.pack(block, ULID, archiver.scan(block), sink);
        assertThat(closed[0]).isFalse();
        assertThat(sink.size()).isPositive();
    }

    @Test
    void packFailsWhenAFileChangedSinceTheScan() throws IOException {
        Path block = FakeBlock.create(tmp, ULID);
        List<FileRecord> files = archiver.scan(block);
        byte[] index = Files.readAllBytes(block.resolve("index"));
        index[100] ^= 1;
        Files.write(block.resolve("index"), index);
        assertChanged(block, files, "file index SHA-256");

        Files.write(block.resolve("index"), new byte[3]);
        assertChanged(block, files, "file index size 3");

        Path other = FakeBlock.create(tmp.resolve("other"), ULID);
        List<FileRecord> otherFiles = archiver.scan(other);
        Files.delete(other.resolve("tombstones"));
        assertChanged(other, otherFiles, "file tombstones disappeared");
    }

    @Test
    void archivesDoNotDependOnTheWorkerCount() throws IOException {
        Path block = FakeBlock.create(tmp, ULID);
        List<FileRecord> files = archiver.scan(block);
        byte[] oneWorker = pack(new BlockArchiver(3, 1), block, files);
        assertThat(pack(new BlockArchiver(3, 3), block, files)).isEqualTo(oneWorker);

        byte[] noWorker = pack(new BlockArchiver(3, 0), block, files);
        for (byte[] archive : List.of(oneWorker, noWorker)) {
            Path staging = Files.createTempDirectory(tmp, "staging");
            assertThat(new BlockExtractor().extract(new ByteArrayInputStream(archive), staging, ULID)).isEqualTo(files);
        }
    }

    private void assertChanged(Path block, List<FileRecord> files, String detail) {
        assertThatThrownBy(() -> pack(block, files))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
                    assertThat(e.hint()).isNotBlank();
                })
                .hasMessageContaining("block " + ULID + " changed while being backed up").hasMessageContaining(detail);
    }

    private byte[] pack(Path block, List<FileRecord> files) throws IOException {
        return pack(archiver, block, files);
    }

    private static byte[] pack(BlockArchiver archiver, Path block, List<FileRecord> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archiver.pack(block, ULID, files, out);
        return out.toByteArray();
    }
}
