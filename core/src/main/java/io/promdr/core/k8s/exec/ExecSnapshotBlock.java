package io.promdr.core.k8s.exec;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.model.FileRecord;
import io.promdr.core.tsdb.BlockMeta;
import io.promdr.core.snapshot.SnapshotBlock;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A block in the container, as {@link TarSnapshotScan} saw it; {@link #pack} streams it again with tar. */
final class ExecSnapshotBlock implements SnapshotBlock {
    private final PodExec exec;
    private final String snapshotDir;
    private final TarSnapshotScan.ScannedBlock scanned;

    ExecSnapshotBlock(PodExec exec, String snapshotDir, TarSnapshotScan.ScannedBlock scanned) {
        this.exec = exec;
        this.snapshotDir = snapshotDir;
        this.scanned = scanned;
    }

    @Override
    public String ulid() {
        return scanned.ulid();
    }

    @Override
    public BlockMeta meta() throws IOException {
        return BlockMeta.parse(scanned.metaJson(), Path.of(snapshotDir, scanned.ulid(), BlockMeta.FILE_NAME));
    }

    @Override
    public Map<String, Long> fileSizes() {
        Map<String, Long> sizes = new TreeMap<>();
        scanned.files().forEach(f -> sizes.put(f.path(), f.size()));
        return sizes;
    }

    @Override
    public String sha256(String path) {
        return scanned.files().stream().filter(f -> f.path().equals(path)).findFirst().map(FileRecord::sha256)
                .orElseThrow(() -> new IllegalArgumentException("block " + ulid() + " has no " + path));
    }

    @Override
    public List<FileRecord> scan(BlockArchiver archiver) {
        return scanned.files();
    }

    @Override
    public void pack(BlockArchiver archiver, List<FileRecord> expected, OutputStream out) throws IOException {
        List<String> command = new ArrayList<>(List.of("tar", "-C", snapshotDir + "/" + ulid(), "-cf", "-"));
        command.addAll(BlockArchiver.archiveOrder(expected));
        ExecStreams.read(exec, command, "tar of block " + ulid(), stdout -> {
            archiver.pack(new TarEntryFiles(new TarArchiveInputStream(stdout), ulid()), ulid(), expected, out);
            return null;
        });
    }
}
