package io.promdr.core.archive;

import io.promdr.core.model.FileRecord;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Block archives of real promtool blocks, checked against the real zstd and tar binaries. */
class BlockArchiveIT {
    @TempDir
    static Path shared;
    private static TsdbTestData.Expected data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generateBlocks() {
        data = TsdbTestData.generate(shared.resolve("blocks"), 20, 2, 15);
    }

    @Test
    void packThenExtractGivesTheSameFiles() throws IOException {
        Path block = data.blockDirs().get(0);
        String ulid = data.ulids().get(0);
        BlockArchiver archiver = new BlockArchiver(3);
        List<FileRecord> files = archiver.scan(block);
        assertThat(files).extracting(FileRecord::path).containsExactly("chunks/000001", "index", "meta.json", "tombstones");

        Path archive = tmp.resolve(ulid + ".tar.zst");
        try (OutputStream out = Files.newOutputStream(archive)) {
            archiver.pack(block, ulid, files, out);
        }
        Path staging = Files.createDirectory(tmp.resolve("staging"));
        try (InputStream in = Files.newInputStream(archive)) {
            assertThat(new BlockExtractor().extract(in, staging, ulid)).isEqualTo(files);
        }
        assertSameFiles(block, staging.resolve(ulid), files);
        assertThat(BlockContentHash.of(archiver.scan(staging.resolve(ulid)))).isEqualTo(BlockContentHash.of(files));
    }

    @Test
    void zstdAndTarByHandRecreateTheBlock() throws Exception {
        Path block = data.blockDirs().get(0);
        String ulid = data.ulids().get(0);
        BlockArchiver archiver = new BlockArchiver(19);
        List<FileRecord> files = archiver.scan(block);
        Path archive = tmp.resolve("block.tar.zst");
        try (OutputStream out = Files.newOutputStream(archive)) {
            archiver.pack(block, ulid, files, out);
        }
        Path byHand = Files.createDirectory(tmp.resolve("by-hand"));

        run(byHand, "sh", "-c", "zstd -q -d -c '" + archive + "' | tar -x -f -");
        assertSameFiles(block, byHand.resolve(ulid), files);
        assertThat(byHand.resolve(ulid).resolve("chunks")).isDirectory();

        String listing = run(byHand, "sh", "-c", "zstd -q -d -c '" + archive + "' | tar -t -v --numeric-owner -f -");
        assertThat(listing.lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList()).containsExactly(
                ulid + "/", ulid + "/meta.json", ulid + "/index", ulid + "/chunks/", ulid + "/chunks/000001",
                ulid + "/tombstones");
        assertThat(listing.lines()).allSatisfy(line -> assertThat(line).contains(" 0/0 ").doesNotContain("PaxHeader"));
        assertThat(listing).startsWith("drwxr-xr-x").contains("-rw-r--r--");
        run(byHand, "zstd", "-q", "-t", archive.toString()); // the frame checksum verifies
    }

    @Test
    void longNamesUsePaxHeadersThatGnuTarReads() throws Exception {
        Path block = Files.createDirectories(tmp.resolve("src")).resolve(FakeBlock.ULID);
        io.promdr.core.testing.TreeCopy.copy(data.blockDirs().get(0), block);
        String longName = "extra/" + "n".repeat(120) + "/" + "é".repeat(60);
        Files.createDirectories(block.resolve(longName).getParent());
        Files.writeString(block.resolve(longName), "long", StandardCharsets.UTF_8);
        BlockArchiver archiver = new BlockArchiver(3);
        List<FileRecord> files = archiver.scan(block);
        Path archive = tmp.resolve("long.tar.zst");
        try (OutputStream out = Files.newOutputStream(archive)) {
            archiver.pack(block, FakeBlock.ULID, files, out);
        }
        Path byHand = Files.createDirectory(tmp.resolve("by-hand"));
        run(byHand, "sh", "-c", "zstd -q -d -c '" + archive + "' | tar -x -f -");
        assertThat(byHand.resolve(FakeBlock.ULID).resolve(longName)).hasContent("long");

        Path staging = Files.createDirectory(tmp.resolve("staging"));
        try (InputStream in = Files.newInputStream(archive)) {
            assertThat(new BlockExtractor().extract(in, staging, FakeBlock.ULID)).isEqualTo(files);
        }
    }

    @Test
    void extractsAnArchiveMadeByHandWithTarAndZstd() throws Exception {
        Path block = data.blockDirs().get(0);
        String ulid = data.ulids().get(0);
        Path archive = tmp.resolve("manual.tar.zst");
        run(block.getParent(), "sh", "-c", "tar -c -f - " + ulid + " | zstd -q -c > '" + archive + "'");
        Path staging = Files.createDirectory(tmp.resolve("staging"));
        try (InputStream in = Files.newInputStream(archive)) {
            assertThat(new BlockExtractor().extract(in, staging, ulid)).isEqualTo(new BlockArchiver(3).scan(block));
        }
    }

    private static void assertSameFiles(Path expectedDir, Path actualDir, List<FileRecord> files) throws IOException {
        for (FileRecord file : files) {
            assertThat(Files.mismatch(expectedDir.resolve(file.path()), actualDir.resolve(file.path())))
                    .as(file.path()).isEqualTo(-1L);
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }
}
