package io.promdr.core.tsdb;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotDirectoryTest {
    private static final String A = "01M87EK388KVRAKZ6PRRPV9GFJ";
    private static final String B = "01M89WW07Z4B7JJBBN42Z3M85V";

    @TempDir
    Path dir;

    @Test
    void listsCompleteBlocksSortedAndIgnoresEverythingElse() throws IOException {
        block(B);
        block(A);
        Files.createDirectories(dir.resolve("wal"));
        Files.createDirectories(dir.resolve("chunks_head"));
        Files.createDirectories(dir.resolve("snapshots"));
        Files.createDirectories(dir.resolve(A + ".tmp-for-creation"));
        Files.createDirectories(dir.resolve(A.toLowerCase()));
        Files.createDirectories(dir.resolve("81M87EK388KVRAKZ6PRRPV9GFJ")); // overflows 128 bits: not strict
        Files.writeString(dir.resolve("lock"), "");
        Files.writeString(dir.resolve("01M87EK388KVRAKZ6PRRPV9GFK"), "a file named like a block");

        assertThat(SnapshotDirectory.listBlocks(dir)).containsExactly(dir.resolve(A), dir.resolve(B));
    }

    @Test
    void anEmptyDirectoryHasNoBlocks() throws IOException {
        assertThat(SnapshotDirectory.listBlocks(dir)).isEmpty();
    }

    @Test
    void namesTheMissingFileOfAnIncompleteBlock() throws IOException {
        Path block = block(A);
        Files.delete(block.resolve("tombstones"));
        assertInvalid(dir, "block " + A + " in " + dir + " has no tombstones");

        Files.writeString(block.resolve("tombstones"), "");
        Files.delete(block.resolve("chunks/000001"));
        Files.delete(block.resolve("chunks"));
        assertInvalid(dir, "has no chunks/");
    }

    @Test
    void refusesAMissingDirectory() {
        assertInvalid(dir.resolve("nope"), "does not exist");
    }

    @Test
    void strictUlidNames() {
        assertThat(SnapshotDirectory.isBlockName(A)).isTrue();
        assertThat(SnapshotDirectory.isBlockName("01M87EK388KVRAKZ6PRRPV9GFI")).isFalse(); // I is not Crockford
        assertThat(SnapshotDirectory.isBlockName("01M87EK388KVRAKZ6PRRPV9GF")).isFalse();
        assertThat(SnapshotDirectory.isBlockName(null)).isFalse();
        assertThat(Ulids.timestampMillis("01ARYZ6S41TSV4RRFFQ69G5FAV")).isEqualTo(1469918176385L);
    }

    private void assertInvalid(Path path, String message) {
        assertThatThrownBy(() -> SnapshotDirectory.listBlocks(path))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID))
                .hasMessageContaining(message);
    }

    private Path block(String ulid) throws IOException {
        Path block = Files.createDirectories(dir.resolve(ulid).resolve("chunks")).getParent();
        Files.writeString(block.resolve("meta.json"), "{}");
        Files.writeString(block.resolve("index"), "");
        Files.writeString(block.resolve("tombstones"), "");
        Files.writeString(block.resolve("chunks/000001"), "");
        return block;
    }
}
