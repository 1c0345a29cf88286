package io.promdr.core.tsdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A directory made only of TSDB blocks: a Prometheus snapshot, or a restored data directory. */
public final class SnapshotDirectory {
    private SnapshotDirectory() {
    }

    /**
     * The block directories (strict-ULID names) under {@code dir}, sorted by name. Each must hold
     * meta.json, index, tombstones and chunks/; otherwise DATA_DIR_INVALID names the block and file.
     * Other entries (wal/, chunks_head/, lock, *.tmp-for-*) are ignored.
     */
    public static List<Path> listBlocks(Path dir) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
