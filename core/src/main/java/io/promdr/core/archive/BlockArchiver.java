package io.promdr.core.archive;

import io.promdr.core.model.FileRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Packs one TSDB block directory into a {@code tar.zst} stream (docs/repository-format.md,
 * "Block archive"): entries {@code <ULID>/meta.json}, {@code <ULID>/index},
 * {@code <ULID>/chunks/NNNNNN}, {@code <ULID>/tombstones}, regular files only, in a fixed order,
 * so that {@code zstd -d | tar x} by hand recreates the block directory.
 */
public final class BlockArchiver {
    private final int zstdLevel;

    public BlockArchiver(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    /** Reads every regular file of the block once and returns path, size and SHA-256 of each, sorted by path. */
    public List<FileRecord> scan(Path blockDir) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Writes the archive of {@code blockDir} to {@code out} (not closed), streaming with bounded
     * memory. Each file is hashed again while it is packed; if any differs from {@code expected}
     * (the block changed since {@link #scan}), fails with {@link io.promdr.core.error.ErrorCode#CHECKSUM_MISMATCH}.
     */
    public void pack(Path blockDir, String ulid, List<FileRecord> expected, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public int zstdLevel() {
        return zstdLevel;
    }
}
