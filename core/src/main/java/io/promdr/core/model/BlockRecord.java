package io.promdr.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One TSDB block of a backup: its identity and time range, the meta.json stats, the archive
 * object that holds it, and every file inside.
 *
 * <p>A <em>composed</em> block (docs/repository-format.md, "Composed blocks") has no object and
 * no files of its own: {@code composedOf} lists the records of blocks stored by earlier backups
 * whose data is exactly this block's, and a restore writes those blocks in its place. Parts are
 * never composed themselves.
 *
 * @param contentHash SHA-256 of the block's file table (see {@link io.promdr.core.archive.BlockContentHash}),
 *                    the second half of the object key; null for a composed block
 * @param minTime     inclusive, ms since epoch (from meta.json)
 * @param maxTime     exclusive, ms since epoch (from meta.json)
 * @param sources     meta.json {@code compaction.sources}, the level-1 blocks this one was compacted
 *                    from; recorded for compacted blocks only (empty means: level 1, the block itself)
 * @param composedOf  the stored blocks this block is made of, or empty for a block stored as its own object
 */
public record BlockRecord(
        String ulid,
        long minTime,
        long maxTime,
        BlockStats stats,
        int compactionLevel,
        @JsonInclude(JsonInclude.Include.NON_NULL) String contentHash,
        @JsonInclude(JsonInclude.Include.NON_NULL) StoredObject object,
        List<FileRecord> files,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> sources,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<BlockRecord> composedOf) {

    public BlockRecord {
        files = files == null ? List.of() : List.copyOf(files);
        sources = sources == null ? List.of() : List.copyOf(sources);
        composedOf = composedOf == null ? List.of() : List.copyOf(composedOf);
    }

    /** A block stored as its own object, without recorded compaction sources. */
    public BlockRecord(String ulid, long minTime, long maxTime, BlockStats stats, int compactionLevel,
                       String contentHash, StoredObject object, List<FileRecord> files) {
        this(ulid, minTime, maxTime, stats, compactionLevel, contentHash, object, files, List.of(), List.of());
    }

    /** A block whose data is exactly that of {@code parts}, blocks stored by earlier backups. */
    public static BlockRecord composed(String ulid, long minTime, long maxTime, BlockStats stats, int compactionLevel,
                                       List<String> sources, List<BlockRecord> parts) {
        return new BlockRecord(ulid, minTime, maxTime, stats, compactionLevel, null, null, List.of(), sources, parts);
    }

    /** This record with meta.json's {@code compaction.sources} recorded, for a compacted block (level 2 or more). */
    public BlockRecord withSources(List<String> compactionSources) {
        if (compactionLevel <= 1 || !sources.isEmpty() || compactionSources.isEmpty()) {
            return this;
        }
        return new BlockRecord(ulid, minTime, maxTime, stats, compactionLevel, contentHash, object, files,
                compactionSources, composedOf);
    }

    /** True when the block is recorded as {@link #composedOf} stored blocks rather than as its own object. */
    @JsonIgnore
    public boolean isComposed() {
        return !composedOf.isEmpty();
    }

    /** The records whose objects hold this block's data: its parts when composed, else itself. */
    @JsonIgnore
    public List<BlockRecord> storedBlocks() {
        return isComposed() ? composedOf : List.of(this);
    }

    /**
     * The level-1 blocks this block's data came from (meta.json {@code compaction.sources}): the
     * recorded list, or the block itself for a level-1 block. Empty when unknown (a compacted
     * block recorded by a promdr that did not record sources).
     */
    @JsonIgnore
    public List<String> sourceUlids() {
        if (!sources.isEmpty()) {
            return sources;
        }
        return compactionLevel <= 1 ? List.of(ulid) : List.of();
    }

    /** True when the block's half-open range [minTime, maxTime) meets [from, until). */
    public boolean overlaps(long from, long until) {
        return minTime < until && maxTime > from;
    }

    /** Bytes of files this block restores to (those of its parts when composed). */
    public long filesSize() {
        return storedBlocks().stream().flatMap(b -> b.files().stream()).mapToLong(FileRecord::size).sum();
    }
}
