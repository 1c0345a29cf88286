package io.promdr.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /**
     * The format version of a manifest that holds a composed block (docs/repository-format.md,
     * "Composed blocks"): a promdr that reads only version 1 refuses it instead of misreading a
     * block without an object, and its prune skips the sweep rather than delete the parts.
     */
    public static final int COMPOSED_FORMAT_VERSION = 2;
    /** The newest manifest format version this promdr reads. */
    public static final int MAX_READABLE_FORMAT_VERSION = COMPOSED_FORMAT_VERSION;

    public Manifest {
        blocks = List.copyOf(blocks);
    }

    /** The version a manifest of {@code blocks} is written with: the oldest one that can express them. */
    public static int formatVersionFor(List<BlockRecord> blocks) {
        return blocks.stream().anyMatch(BlockRecord::isComposed) ? COMPOSED_FORMAT_VERSION : FORMAT_VERSION;
    }

    @JsonIgnore
    public BackupId id() {
        return new BackupId(backupId);
    }

    /**
     * The blocks a restore writes, each with its own object: every block stored as its own
     * object, and in place of each composed block its parts. A block that is both listed and a
     * part of a composed block (the same object) appears once.
     */
    @JsonIgnore
    public List<BlockRecord> storedBlocks() {
        Map<String, BlockRecord> byKey = new LinkedHashMap<>();
        for (BlockRecord block : blocks) {
            for (BlockRecord stored : block.storedBlocks()) {
                byKey.putIfAbsent(stored.object().key(), stored);
            }
        }
        return List.copyOf(byKey.values());
    }

    /** The blocks recorded as {@link BlockRecord#isComposed composed} of already stored blocks. */
    @JsonIgnore
    public List<BlockRecord> composedBlocks() {
        return blocks.stream().filter(BlockRecord::isComposed).toList();
    }

    /**
     * About the bytes the composed blocks did not upload: the size of their parts' objects, which
     * hold the same data (an archive of the compacted block itself would be about as large).
     */
    @JsonIgnore
    public long composedSavedSize() {
        return composedBlocks().stream().flatMap(b -> b.composedOf().stream()).mapToLong(b -> b.object().size()).sum();
    }

    /** Bytes of block files this backup restores to. */
    @JsonIgnore
    public long totalFilesSize() {
        return storedBlocks().stream().mapToLong(BlockRecord::filesSize).sum();
    }

    /** Bytes of the block objects this backup references (shared objects counted once per backup). */
    @JsonIgnore
    public long totalStoredSize() {
        return storedBlocks().stream().mapToLong(b -> b.object().size()).sum();
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
