package io.promdr.core.k8s.exec;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;
import io.promdr.core.snapshot.LocalSnapshotAccess;
import io.promdr.core.snapshot.SnapshotBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exec access with real sh and tar as local processes, on a snapshot directory laid out like
 * Prometheus' (the backup-jobs ITs run it on a real Prometheus snapshot).
 */
class ExecSnapshotAccessTest {
    private static final String ULID_1 = "01JDQ4R9X0000000000000000A";
    private static final String ULID_2 = "01JDQ4R9X0000000000000000B";
    @TempDir
    Path data;

    private final BlockArchiver archiver = new BlockArchiver(3, 1);

    private Path snapshot() throws IOException {
        Files.createDirectories(data.resolve("wal"));
        Path snapshot = data.resolve("snapshots/20261203T010000Z-0123456789abcdef");
        block(snapshot, ULID_1, 3000);
        block(snapshot, ULID_2, 70000);
        return snapshot;
    }

    private static void block(Path snapshot, String ulid, int chunkBytes) throws IOException {
        Path dir = Files.createDirectories(snapshot.resolve(ulid).resolve("chunks"));
        Files.writeString(dir.getParent().resolve("meta.json"), """
                {"ulid":"%s","minTime":1000,"maxTime":2000,"stats":{"numSamples":10,"numSeries":2,"numChunks":2},
                 "compaction":{"level":1,"sources":["%s"]},"version":1}""".formatted(ulid, ulid));
        Files.write(dir.getParent().resolve("index"), bytes(ulid.hashCode(), 5000));
        Files.write(dir.getParent().resolve("tombstones"), new byte[]{0x01, 0x30, (byte) 0xBA, 0x30, 0x01, 0, 0, 0, 0});
        Files.write(dir.resolve("000001"), bytes(chunkBytes, chunkBytes));
        Files.write(dir.resolve("000002"), bytes(chunkBytes + 1, 1234));
    }

    private static byte[] bytes(int seed, int size) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void streamsTheSameBlocksAndArchivesAsTheLocalFileSystem() throws IOException {
        Path snapshot = snapshot();
        String name = snapshot.getFileName().toString();
        ExecSnapshotAccess exec = new ExecSnapshotAccess(new LocalProcessExec(), data.toString());
        LocalSnapshotAccess local = new LocalSnapshotAccess(data);

        exec.checkDataDir();
        List<SnapshotBlock> viaExec = exec.blocks(name);
        List<SnapshotBlock> viaDisk = local.blocks(name);

        assertThat(viaExec).extracting(SnapshotBlock::ulid).containsExactly(ULID_1, ULID_2);
        for (int i = 0; i < 2; i++) {
            SnapshotBlock e = viaExec.get(i);
            SnapshotBlock d = viaDisk.get(i);
            assertThat(e.meta()).isEqualTo(d.meta());
            assertThat(e.fileSizes()).isEqualTo(d.fileSizes());
            assertThat(e.sha256("tombstones")).isEqualTo(d.sha256("tombstones"));
            List<FileRecord> files = e.scan(archiver);
            assertThat(files).isEqualTo(d.scan(archiver));
            assertThat(pack(e, files)).isEqualTo(pack(d, files));
        }
        assertThat(exec.describe(name)).isEqualTo("local process:" + snapshot);
    }

    @Test
    void aBlockChangedBetweenScanAndPackIsRefused() throws IOException {
        Path snapshot = snapshot();
        ExecSnapshotAccess exec = new ExecSnapshotAccess(new LocalProcessExec(), data.toString());
        SnapshotBlock block = exec.blocks(snapshot.getFileName().toString()).get(0);
        List<FileRecord> files = block.scan(archiver);
        Files.write(snapshot.resolve(ULID_1).resolve("index"), bytes(7, 5000));

        assertThatThrownBy(() -> pack(block, files)).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
            assertThat(e.getMessage()).contains("file index SHA-256");
        });
    }

    @Test
    void removeDeletesTheSnapshotOnceAndReportsWhenItIsGone() throws IOException {
        Path snapshot = snapshot();
        ExecSnapshotAccess exec = new ExecSnapshotAccess(new LocalProcessExec(), data.toString());

        assertThat(exec.remove(snapshot.getFileName().toString())).isTrue();
        assertThat(snapshot).doesNotExist();
        assertThat(data.resolve("wal")).isDirectory();
        assertThat(exec.remove(snapshot.getFileName().toString())).isFalse();
    }

    @Test
    void aDirectoryThatIsNoPrometheusDataDirectoryIsRefusedBeforeTheSnapshot() {
        ExecSnapshotAccess exec = new ExecSnapshotAccess(new LocalProcessExec(), data.resolve("nope").toString());
        assertThatThrownBy(exec::checkDataDir).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID);
            assertThat(e.getMessage()).contains("no wal/").contains("local process");
        });
    }

    @Test
    void aContainerWithoutTarIsNamed() throws IOException {
        snapshot();
        Path emptyBin = Files.createDirectories(data.resolve("empty-bin"));
        ExecSnapshotAccess exec = new ExecSnapshotAccess(new LocalProcessExec(Map.of("PATH", emptyBin.toString())),
                data.toString());
        assertThatThrownBy(exec::checkDataDir).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_EXEC_FAILED);
            assertThat(e.getMessage()).isEqualTo("no tar in local process");
            assertThat(e.hint()).contains("image with tar");
        });
    }

    @Test
    void aMissingSnapshotFailsWithTarsOwnWords() throws IOException {
        snapshot();
        ExecSnapshotAccess exec = new ExecSnapshotAccess(new LocalProcessExec(), data.toString());
        assertThatThrownBy(() -> exec.blocks("20261203T020000Z-ffffffffffffffff"))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_EXEC_FAILED);
                    assertThat(e.getMessage()).contains("tar of snapshot").contains("20261203T020000Z-ffffffffffffffff")
                            .contains("exit code");
                });
    }

    @Test
    void permissionDeniedGetsItsHint() {
        PromdrException e = ExecFailures.failed(new LocalProcessExec(), "tar of snapshot /prometheus/snapshots/x",
                new ExecProcess.Result(2, "tar: ./01JDQ4R9X0000000000000000A/index: Cannot open: Permission denied\n"));
        assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_EXEC_FAILED);
        assertThat(e.getMessage()).contains("Permission denied").contains("exit code 2");
        assertThat(e.hint()).contains("securityContext");
    }

    @Test
    void aLinkInsideABlockIsRefused() throws IOException {
        Path snapshot = snapshot();
        Files.createSymbolicLink(snapshot.resolve(ULID_2).resolve("chunks/000003"), Path.of("/etc/passwd"));
        ExecSnapshotAccess exec = new ExecSnapshotAccess(new LocalProcessExec(), data.toString());
        assertThatThrownBy(() -> exec.blocks(snapshot.getFileName().toString()))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID);
                    assertThat(e.getMessage()).contains("chunks/000003, which is a link");
                });
    }

    private byte[] pack(SnapshotBlock block, List<FileRecord> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        block.pack(archiver, files, out);
        return out.toByteArray();
    }

    @SuppressWarnings("unused")
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
