package io.promdr.core.snapshot;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.tsdb.SnapshotDirectory;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Snapshots on promdr's own file system: Prometheus' data directory as seen from promdr. */
public final class LocalSnapshotAccess implements SnapshotAccess {
    public static final String DATA_DIR_HINT = "--data-dir must be Prometheus' --storage.tsdb.path as seen from promdr";

    private final Path dataDir;

    public LocalSnapshotAccess(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** One block directory on this file system. */
    public static SnapshotBlock block(Path blockDir) {
        return new LocalSnapshotBlock(blockDir);
    }

    public Path snapshotDir(String snapshotName) {
        return dataDir.resolve("snapshots").resolve(snapshotName);
    }

    @Override
    public void checkDataDir() {
        String problem = !Files.exists(dataDir) ? "does not exist"
                : !Files.isDirectory(dataDir) ? "is not a directory"
                : !Files.isReadable(dataDir) || !Files.isExecutable(dataDir) ? "is not readable by promdr"
                // Every Prometheus data directory has a WAL. Without this check a wrong --data-dir would only
                // show after the API call, leaving a snapshot in the real data directory that nobody deletes.
                : !Files.isDirectory(dataDir.resolve("wal")) ? "does not look like a Prometheus data directory (no wal/)"
                : null;
        if (problem != null) {
            throw new PromdrException(ErrorCode.DATA_DIR_INVALID, "data directory " + dataDir + " " + problem, DATA_DIR_HINT);
        }
    }

    @Override
    public List<SnapshotBlock> blocks(String snapshotName) throws IOException {
        Path dir = snapshotDir(snapshotName);
        if (!Files.isDirectory(dir)) {
            throw new PromdrException(ErrorCode.DATA_DIR_INVALID,
                    "snapshot " + snapshotName + " not found under " + dir.getParent(), DATA_DIR_HINT);
        }
        return SnapshotDirectory.listBlocks(dir).stream().<SnapshotBlock>map(LocalSnapshotBlock::new).toList();
    }

    @Override
    public boolean remove(String snapshotName) throws IOException {
        Path dir = snapshotDir(snapshotName);
        if (!Files.exists(dir)) {
            return false;
        }
        FileSystemUtils.deleteRecursively(dir);
        return true;
    }

    @Override
    public String describe(String snapshotName) {
        return snapshotDir(snapshotName).toString();
    }
}
