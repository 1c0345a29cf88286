package io.promdr.core.snapshot;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.model.FileRecord;
import io.promdr.core.tsdb.BlockMeta;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** One block of a snapshot, wherever its files are (see {@link SnapshotAccess}). */
public interface SnapshotBlock {
    String ulid();

    BlockMeta meta() throws IOException;

    /** Path ('/'-separated, relative to the block) to size of every regular file. */
    Map<String, Long> fileSizes() throws IOException;

    /** SHA-256 (hex) of one small file of the block (meta.json, tombstones). */
    String sha256(String path) throws IOException;

    /** Every file with its size and SHA-256, sorted by path (reads the whole block, or returns what was read already). */
    List<FileRecord> scan(BlockArchiver archiver) throws IOException;

    /** Writes the block's tar.zst archive of {@code expected} to {@code out} (see {@link BlockArchiver#pack}). */
    void pack(BlockArchiver archiver, List<FileRecord> expected, OutputStream out) throws IOException;
}
