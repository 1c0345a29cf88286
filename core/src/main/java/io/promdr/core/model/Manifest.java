package io.promdr.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;

/**
 * The commit record of one backup (docs/repository-format.md, "Manifest"). Written last: a
 * backup without a manifest does not exist.
 *
 * @param formatVersion the manifest format version, {@link #FORMAT_VERSION} when written by this version
 * @param snapshotName  the name Prometheus gave the TSDB snapshot the backup was read from
 */
public record Manifest(
        int formatVersion,
        String backupId,
        SourceInfo source,
        Instant startedAt,
        Instant completedAt,
        String snapshotName,
        String toolVersion,
        List<BlockRecord> blocks) {

    public static final int FORMAT_VERSION = 1;

    public Manifest {
        blocks = List.copyOf(blocks);
    }

    @JsonIgnore
    public BackupId id() {
        return new BackupId(backupId);
    }

    /** Bytes of block files this backup restores to. */
    @JsonIgnore
    public long totalFilesSize() {
        return blocks.stream().mapToLong(BlockRecord::filesSize).sum();
    }

    /** Bytes of the block objects this backup references (shared objects counted once per backup). */
    @JsonIgnore
    public long totalStoredSize() {
        return blocks.stream().mapToLong(b -> b.object().size()).sum();
    }

    /** Oldest sample bound (ms) over all blocks, or 0 for an empty backup. */
    @JsonIgnore
    public long minTime() {
        return blocks.stream().mapToLong(BlockRecord::minTime).min().orElse(0);
    }

    /** Newest sample bound (exclusive, ms) over all blocks, or 0 for an empty backup. */
    @JsonIgnore
    public long maxTime() {
        return blocks.stream().mapToLong(BlockRecord::maxTime).max().orElse(0);
    }

    @JsonIgnore
    public long totalSamples() {
        return blocks.stream().mapToLong(b -> b.stats() == null ? 0 : b.stats().numSamples()).sum();
    }
}
