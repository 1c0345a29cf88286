package io.promdr.core.archive;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class BlockArchiveContentsTest {
    private static final String ULID = FakeBlock.ULID;

    @TempDir
    Path tmp;

    @Test
    void listsTheFilesTheArchiverPackedWithoutWritingAnything() throws IOException {
        Path block = FakeBlock.create(Files.createDirectory(tmp.resolve("source")), ULID);
        List<FileRecord> files = new BlockArchiver(3).scan(block);
        byte[] archive = pack(block, files);

        assertThat(read(archive, Long.MAX_VALUE)).isEqualTo(files);
        assertThat(read(archive, files.stream().mapToLong(FileRecord::size).sum())).isEqualTo(files);
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all).allMatch(p -> p.equals(tmp) || p.startsWith(tmp.resolve("source")));
        }
    }

    @Test
    void readsTheArchiveToItsEnd() throws IOException {
        byte[] archive = new HostileArchive().dir(ULID + "/").file(ULID + "/index", "i".repeat(5000)).tarZst();
        ByteArrayInputStream in = new ByteArrayInputStream(archive);

        assertThat(BlockArchiveContents.read(in, ULID, Long.MAX_VALUE)).extracting(FileRecord::path, FileRecord::size)
                .containsExactly(tuple("index", 5000L));
        assertThat(in.available()).isZero();
    }

    /** Every archive the extractor refuses, the reader refuses with the same message. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void refusesWhatTheExtractorRefusesForTheSameReason(String description, byte[] archive, String reason)
            throws IOException {
        Path staging = Files.createDirectory(tmp.resolve("staging"));
        PromdrException byExtractor = catchThrowableOfType(PromdrException.class,
                () -> new BlockExtractor(10).extract(new ByteArrayInputStream(archive), staging, ULID, 100_000));

        assertThatThrownBy(() -> BlockArchiveContents.read(new ByteArrayInputStream(archive), ULID, 100_000, 10))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ARCHIVE_UNSAFE);
                    assertThat(e.hint()).isNotBlank();
                })
                .hasMessageStartingWith("archive of block " + ULID + " has an unsafe entry: ")
                .hasMessageContaining(reason)
                // Only the name of the byte limit differs: the extractor's comes from the manifest.
                .hasMessage(byExtractor.getMessage().replace("bytes the manifest records", "bytes expected"));
    }

    static Stream<Arguments> hostileArchives() {
        byte[] tar = new HostileArchive().file(ULID + "/index", "y".repeat(1000)).tar();
        byte[] whole = HostileArchive.zstd(tar);
        HostileArchive many = new HostileArchive().dir(ULID + "/");
        for (int i = 0; i < 11; i++) {
            many.file(ULID + "/f" + i, "x");
        }
        return Stream.of(
                hostile("absolute path", new HostileArchive().file("/tmp/evil", "x").tarZst(), "absolute path"),
                hostile("parent reference", new HostileArchive().file(ULID + "/chunks/../../evil", "x").tarZst(),
                        "parent directory"),
                hostile("symbolic link", new HostileArchive().link(ULID + "/index", TarConstants.LF_SYMLINK, "/etc/passwd")
                        .tarZst(), "symbolic link to /etc/passwd"),
                hostile("hard link", new HostileArchive().link(ULID + "/index", TarConstants.LF_LINK, "/etc/passwd")
                        .tarZst(), "hard link to /etc/passwd"),
                hostile("device", new HostileArchive().special(ULID + "/index", TarConstants.LF_BLK).tarZst(),
                        "block device"),
                hostile("FIFO", new HostileArchive().special(ULID + "/index", TarConstants.LF_FIFO).tarZst(), "FIFO"),
                hostile("another block", new HostileArchive().file("01BX5ZZKBKACTAV9WEVGEMMVRZ/index", "x").tarZst(),
                        "outside the block directory"),
                hostile("duplicate", new HostileArchive().file(ULID + "/index", "a").file(ULID + "/index", "b").tarZst(),
                        "duplicate entry"),
                hostile("file below a file", new HostileArchive().file(ULID + "/chunks", "a")
                        .file(ULID + "/chunks/000001", "b").tarZst(), "a directory where the archive already put a file"),
                hostile("file over a directory", new HostileArchive().file(ULID + "/chunks/000001", "b")
                        .file(ULID + "/chunks", "a").tarZst(), "a file where the archive already put a directory"),
                hostile("block directory as a file", new HostileArchive().file(ULID, "a").tarZst(),
                        "the block directory as a file"),
                hostile("overlong name", new HostileArchive().file(ULID + "/" + "x".repeat(300), "a").tarZst(),
                        "255 bytes"),
                hostile("too many entries", many.tarZst(), "more than 10 entries"),
                hostile("over the byte budget", new HostileArchive().file(ULID + "/index", "z".repeat(100_001)).tarZst(),
                        "more than the 100000 bytes"),
                hostile("size too large", HostileArchive.zstd(HostileArchive.withDeclaredSize(tar, 0, 20_000)),
                        ULID + "/index"),
                hostile("size too small", HostileArchive.zstd(HostileArchive.withDeclaredSize(tar, 0, 10)), "corrupt"),
                hostile("tar cut in a file", HostileArchive.zstd(HostileArchive.cut(tar, 512 + 300)), ULID + "/index"),
                hostile("zstd frame cut", HostileArchive.cut(whole, whole.length - 4), "corrupt or truncated"),
                hostile("checksum mismatch", flipLastByte(whole), "corrupt or truncated"),
                hostile("data after the archive", HostileArchive.zstd(concat(tar, new byte[2 << 20])),
                        "bytes after the end of the tar archive"),
                hostile("empty", new byte[0], "empty archive"),
                hostile("not zstd", "not zstd at all".getBytes(), "corrupt or truncated"));
    }

    @Test
    void anErrorOfTheSourceStreamIsRethrownAsIs() {
        byte[] archive = new HostileArchive().file(ULID + "/index", "y".repeat(100_000)).tarZst();
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(archive, 0, archive.length / 2),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                });

        assertThatThrownBy(() -> BlockArchiveContents.read(failing, ULID, Long.MAX_VALUE))
                .isExactlyInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @Test
    void refusesAMalformedUlid() {
        assertThatThrownBy(() -> BlockArchiveContents.read(InputStream.nullInputStream(), "../evil", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<FileRecord> read(byte[] archive, long maxFileBytes) throws IOException {
        return BlockArchiveContents.read(new ByteArrayInputStream(archive), ULID, maxFileBytes);
    }

    private static byte[] pack(Path block, List<FileRecord> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BlockArchiver(3).pack(block, ULID, files, out);
        return out.toByteArray();
    }

    private static Arguments hostile(String description, byte[] archive, String reason) {
        return Arguments.of(description, archive, reason);
    }

    private static byte[] flipLastByte(byte[] data) {
        byte[] copy = data.clone();
        copy[copy.length - 1] ^= 0x01;
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
