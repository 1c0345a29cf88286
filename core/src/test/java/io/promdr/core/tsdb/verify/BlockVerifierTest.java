package io.promdr.core.tsdb.verify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What needs no promtool: directories that are not blocks at all, and files that are garbage. */
class BlockVerifierTest {
    static final String ULID = "01M87EK388KVRAKZ6PRRPV9GFJ";

    @TempDir
    Path tmp;

    private final BlockVerifier verifier = new BlockVerifier();

    @Test
    void aMissingDirectoryIsTheOnlyException() {
        assertThatThrownBy(() -> verifier.verify(tmp.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anEmptyDirectoryNamesEveryMissingFile() throws IOException {
        Path block = Files.createDirectory(tmp.resolve(ULID));

        BlockVerification result = verifier.verify(block);

        assertThat(result.ok()).isFalse();
        assertThat(result.ulid()).isEqualTo(ULID);
        assertThat(result.problems()).extracting(VerificationProblem::check).containsOnly(BlockVerifier.CHECK_BLOCK_FILES);
        assertThat(result.problems()).extracting(VerificationProblem::file)
                .containsExactly("index", "tombstones", "meta.json", "chunks");
        assertThat(result.meta()).isNull();
        assertThat(result.series()).isZero();
    }

    @Test
    void garbageFilesAreProblemsNotExceptions() throws IOException {
        Path block = Files.createDirectory(tmp.resolve(ULID));
        Files.createDirectory(block.resolve("chunks"));
        Files.write(block.resolve("chunks/000001"), new byte[] {1, 2, 3});
        Files.write(block.resolve("chunks/000003"), new byte[100]);
        Files.write(block.resolve("index"), new byte[200]);
        Files.write(block.resolve("tombstones"), new byte[] {1, 48, (byte) 0xba, 48, 1, 0, 0, 0});
        Files.writeString(block.resolve("meta.json"), "{\"ulid\":\"" + ULID + "\",\"minTime\":5,\"maxTime\":1,\"version\":1}");

        BlockVerification result = verifier.verify(block);

        assertThat(result.problems()).containsExactly(
                new VerificationProblem("block.files", "chunks/000003", "segment 2 of 2 is named 000003 instead of"
                        + " 000002: a segment is missing or misnamed, so chunk references to it and to later segments"
                        + " point at the wrong file"),
                new VerificationProblem("meta.json", "meta.json", "block metadata " + block.resolve("meta.json")
                        + " has maxTime 1 before minTime 5"),
                new VerificationProblem("chunks.header", "chunks/000001",
                        "segment is 3 bytes, shorter than its 8-byte header"),
                new VerificationProblem("chunks.header", "chunks/000003", "magic number 00000000, expected 85bd40dd"),
                new VerificationProblem("index.header", "index", "magic number 00000000, expected baaad700"),
                new VerificationProblem("tombstones", "tombstones",
                        "the file is 8 bytes, too short for its header and CRC (an empty one has 9)"));
    }
}
