package io.promdr.core.archive;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockExtractorTest {
    private static final String ULID = FakeBlock.ULID;
    private static final String OTHER_ULID = "01BX5ZZKBKACTAV9WEVGEMMVRZ";

    @TempDir
    Path tmp;
    private Path staging;

    @BeforeEach
    void createStaging() throws IOException {
        staging = Files.createDirectory(tmp.resolve("staging"));
    }

    @Test
    void roundTripRecreatesTheBlockByteForByte() throws IOException {
        Path block = FakeBlock.create(Files.createDirectory(tmp.resolve("source")), ULID);
        BlockArchiver archiver = new BlockArchiver(3);
        List<FileRecord> files = archiver.scan(block);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        archiver.pack(block, ULID, files, archive);

        List<FileRecord> extracted = new BlockExtractor().extract(new ByteArrayInputStream(archive.toByteArray()), staging, ULID);

        assertThat(extracted).isEqualTo(files);
        assertThat(archiver.scan(staging.resolve(ULID))).isEqualTo(files);
        for (FileRecord file : files) {
            assertThat(Files.readAllBytes(staging.resolve(ULID).resolve(file.path())))
                    .isEqualTo(Files.readAllBytes(block.resolve(file.path())));
        }
    }

    @Test
    void refusesToExtractOverAnExistingBlock() throws IOException {
        Files.createDirectory(staging.resolve(ULID));
        byte[] archive = new HostileArchive().dir(ULID + "/").tarZst();
        assertThatThrownBy(() -> extract(archive)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void rejectsAbsolutePaths() {
        assertUnsafe(new HostileArchive().dir(ULID + "/").file("/tmp/evil", "x").tarZst(), "evil");
    }

    @Test
    void rejectsParentReferences() throws IOException {
        assertUnsafe(new HostileArchive().dir(ULID + "/").file(ULID + "/../evil", "x").tarZst(), "parent directory");
        assertUnsafe(new HostileArchive().file(ULID + "/chunks/../../evil", "x").tarZst(), "parent directory");
        assertUnsafe(new HostileArchive().file("../evil", "x").tarZst(), "parent directory");
    }

    @Test
    void rejectsLinksDevicesAndFifos() {
        assertUnsafe(new HostileArchive().dir(ULID + "/").link(ULID + "/index", TarConstants.LF_SYMLINK, "/etc/passwd")
                .file(ULID + "/index", "overwrite through the link").tarZst(), "symbolic link to /etc/passwd");
        assertUnsafe(new HostileArchive().dir(ULID + "/").link(ULID + "/index", TarConstants.LF_LINK, "/etc/passwd")
                .tarZst(), "hard link to /etc/passwd");
        assertUnsafe(new HostileArchive().special(ULID + "/index", TarConstants.LF_CHR).tarZst(), "character device");
        assertUnsafe(new HostileArchive().special(ULID + "/index", TarConstants.LF_BLK).tarZst(), "block device");
        assertUnsafe(new HostileArchive().special(ULID + "/index", TarConstants.LF_FIFO).tarZst(), "FIFO");
    }

    @Test
    void rejectsEntriesOfAnotherBlock() {
        assertUnsafe(new HostileArchive().dir(OTHER_ULID + "/").file(OTHER_ULID + "/index", "x").tarZst(),
                "outside the block directory");
        assertUnsafe(new HostileArchive().dir(ULID + "/").file("index", "x").tarZst(), "outside the block directory");
    }

    @Test
    void rejectsDuplicatesAndFileDirectoryClashes() {
        assertUnsafe(new HostileArchive().file(ULID + "/index", "a").file(ULID + "/index", "b").tarZst(), "duplicate");
        assertUnsafe(new HostileArchive().file(ULID + "/chunks", "a").file(ULID + "/chunks/000001", "b").tarZst(),
                "already put a file");
        assertUnsafe(new HostileArchive().file(ULID, "a").tarZst(), "block directory as a file");
    }

    @Test
    void rejectsOverlongNamesAndTooManyEntries() {
        assertUnsafe(new HostileArchive().file(ULID + "/" + "x".repeat(300), "a").tarZst(), "255 bytes");
        HostileArchive many = new HostileArchive().dir(ULID + "/");
        for (int i = 0; i < 11; i++) {
            many.file(ULID + "/f" + i, "x");
        }
        assertUnsafe(new BlockExtractor(10), many.tarZst(), "more than 10 entries");
    }

    @Test
    void rejectsSizesThatLieAndTruncatedStreams() {
        byte[] tar = new HostileArchive().file(ULID + "/index", "y".repeat(1000)).tar();
        // Header says 20000 bytes, more than the whole (10 KiB) tar: the stream ends early.
        assertUnsafe(HostileArchive.zstd(HostileArchive.withDeclaredSize(tar, 0, 20_000)), ULID + "/index");
        // Header says 10 bytes: the rest of the data is then read as a (broken) header.
        assertUnsafe(HostileArchive.zstd(HostileArchive.withDeclaredSize(tar, 0, 10)), "corrupt");
        // The tar stops in the middle of the file data, inside a valid zstd frame.
        assertUnsafe(HostileArchive.zstd(HostileArchive.cut(tar, 512 + 300)), ULID + "/index");
        // The zstd frame itself is cut short.
        byte[] whole = HostileArchive.zstd(tar);
        assertUnsafe(HostileArchive.cut(whole, whole.length - 4), "corrupt or truncated");
        assertUnsafe(new byte[0], "empty archive");
        assertUnsafe("not zstd at all".getBytes(), "corrupt or truncated");
    }

    @Test
    void stopsBeforeAFileThatGoesPastTheByteBudget() {
        byte[] archive = new HostileArchive().dir(ULID + "/").file(ULID + "/index", "12345")
                .file(ULID + "/meta.json", "123456").tarZst();
        assertThatThrownBy(() -> new BlockExtractor().extract(new ByteArrayInputStream(archive), staging, ULID, 10))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ARCHIVE_UNSAFE))
                .hasMessageContaining(ULID + "/meta.json (its files add up to more than the 10 bytes the manifest records)");
        assertNothingLeftBehind();
    }

    @Test
    void anErrorOfTheSourceStreamIsRethrownAsIs() {
        byte[] archive = new HostileArchive().file(ULID + "/index", "y".repeat(100_000)).tarZst();
        InputStream failing = new InputStream() {
            private final InputStream data = new ByteArrayInputStream(archive, 0, archive.length / 2);

            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = data.read(b, off, Math.min(len, 64));
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };
        assertThatThrownBy(() -> new BlockExtractor().extract(failing, staging, ULID))
                .isExactlyInstanceOf(IOException.class).hasMessage("connection reset");
        assertNothingLeftBehind();
    }

    private List<FileRecord> extract(byte[] archive) throws IOException {
        return new BlockExtractor().extract(new ByteArrayInputStream(archive), staging, ULID);
    }

    private void assertUnsafe(byte[] archive, String reason) {
        assertUnsafe(new BlockExtractor(), archive, reason);
    }

    private void assertUnsafe(BlockExtractor extractor, byte[] archive, String reason) {
        assertThatThrownBy(() -> extractor.extract(new ByteArrayInputStream(archive), staging, ULID))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ARCHIVE_UNSAFE);
                    assertThat(e.hint()).isNotBlank();
                })
                .hasMessageStartingWith("archive of block " + ULID + " has an unsafe entry: ")
                .hasMessageContaining(reason);
        assertNothingLeftBehind();
    }

    /** The failed extraction removed its block directory and wrote nothing next to the staging directory. */
    private void assertNothingLeftBehind() {
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(p -> !p.startsWith(tmp.resolve("source")))).containsExactlyInAnyOrder(tmp, staging);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(Path.of("/tmp/evil")).doesNotExist();
    }
}
