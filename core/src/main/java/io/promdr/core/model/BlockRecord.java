package io.promdr.core.model;

import java.util.List;

/**
 * One TSDB block of a backup: its identity and time range, the meta.json stats, the archive
 * object that holds it, and every file inside.
 *
 * @param contentHash SHA-256 of the block's file table (see {@link io.promdr.core.archive.BlockContentHash}),
 *                    the second half of the object key
 * @param minTime     inclusive, ms since epoch (from meta.json)
 * @param maxTime     exclusive, ms since epoch (from meta.json)
 */
public record BlockRecord(
        String ulid,
        long minTime,
        long maxTime,
        BlockStats stats,
        int compactionLevel,
        String contentHash,
        StoredObject object,
        List<FileRecord> files) {

    public BlockRecord {
        files = List.copyOf(files);
    }

    /** True when the block's half-open range [minTime, maxTime) meets [from, until). */
    public boolean overlaps(long from, long until) {
        return minTime < until && maxTime > from;
    }

    public long filesSize() {
        return files.stream().mapToLong(FileRecord::size).sum();
    }
}
