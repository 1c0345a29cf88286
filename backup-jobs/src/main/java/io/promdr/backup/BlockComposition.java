package io.promdr.backup;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.BlockStats;
import io.promdr.core.tsdb.BlockMeta;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rule that lets a backup record a block Prometheus compacted as {@link BlockRecord#composed
 * composed} of blocks already stored, instead of uploading it again (docs/repository-format.md,
 * "Composed blocks"). A pure function of the block's meta.json and the stored candidates.
 *
 * <p>Compaction of non-overlapping blocks copies every sample of its inputs into one block; the
 * proof that it did nothing else (no vertical merge of overlapping blocks, no tombstone applied,
 * no sample dropped) comes from meta.json alone:
 * <ul>
 *   <li>the block's {@code compaction.sources} are exactly the disjoint union of the parts' sources;
 *   <li>the parts do not overlap in time, and together span exactly the block's time range;
 *   <li>their {@code numSamples} add up to the block's, and so do their {@code numChunks};
 *   <li>neither the block nor any part has tombstones ({@code numTombstones} is 0: Prometheus
 *       rewrites meta.json with the count whenever it writes tombstones).
 * </ul>
 * Otherwise the block is uploaded as usual: the rule only ever costs bytes, never data.
 */
final class BlockComposition {
    /** Composed of {@code parts}, or not, with the reason for the log. */
    record Decision(Optional<BlockRecord> composed, String reason) {
        static Decision no(String reason) {
            return new Decision(Optional.empty(), reason);
        }
    }

    private BlockComposition() {
    }

    /**
     * Decides whether the block described by {@code meta} can be recorded as composed of some of
     * {@code candidates} (stored, uncomposed blocks of the same source with known sources).
     */
    static Decision decide(BlockMeta meta, Collection<BlockRecord> candidates) {
        if (meta.compactionLevel() < 2 || meta.sources().size() < 2) {
            return Decision.no("not a compacted block");
        }
        Set<String> wanted = new HashSet<>(meta.sources());
        if (wanted.size() != meta.sources().size()) {
            return Decision.no("its compaction sources list a block twice");
        }
        if (meta.stats().numTombstones() != 0) {
            return Decision.no("it has tombstones");
        }
        List<BlockRecord> parts = cover(wanted, candidates, meta.ulid());
        if (parts.isEmpty()) {
            return Decision.no("not all of its " + wanted.size() + " compaction sources are stored");
        }
        parts.sort(Comparator.comparingLong(BlockRecord::minTime).thenComparingLong(BlockRecord::maxTime));
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).minTime() < parts.get(i - 1).maxTime()) {
                return Decision.no("the stored blocks it was compacted from overlap in time (vertical compaction)");
            }
        }
        if (parts.get(0).minTime() != meta.minTime() || parts.get(parts.size() - 1).maxTime() != meta.maxTime()) {
            return Decision.no("the stored blocks do not span its time range");
        }
        long samples = 0;
        long chunks = 0;
        for (BlockRecord part : parts) {
            BlockStats stats = part.stats() == null ? new BlockStats(0, 0, 0, 0) : part.stats();
            if (stats.numTombstones() != 0) {
                return Decision.no("stored block " + part.ulid() + " has tombstones");
            }
            samples += stats.numSamples();
            chunks += stats.numChunks();
        }
        if (samples != meta.stats().numSamples() || chunks != meta.stats().numChunks() || samples == 0) {
            return Decision.no("its " + meta.stats().numSamples() + " samples in " + meta.stats().numChunks()
                    + " chunks differ from the stored blocks' " + samples + " in " + chunks
                    + " (compaction dropped or merged samples)");
        }
        BlockRecord composed = BlockRecord.composed(meta.ulid(), meta.minTime(), meta.maxTime(), meta.stats(),
                meta.compactionLevel(), meta.sources(), parts);
        return new Decision(Optional.of(composed), "composed of " + parts.size() + " stored blocks");
    }

    /**
     * Stored blocks whose sources partition {@code wanted}, preferring the largest (fewest objects
     * to fetch on restore), or empty when none do. Compaction nests source sets (a block's sources
     * are the union of its parents'), so taking the largest disjoint candidates first finds a
     * partition whenever one exists among them.
     */
    private static List<BlockRecord> cover(Set<String> wanted, Collection<BlockRecord> candidates, String self) {
        List<BlockRecord> usable = new ArrayList<>();
        for (BlockRecord c : candidates) {
            List<String> sources = c.sourceUlids();
            if (!c.isComposed() && !c.ulid().equals(self) && !sources.isEmpty() && wanted.containsAll(sources)) {
                usable.add(c);
            }
        }
        usable.sort(Comparator.comparingInt((BlockRecord c) -> c.sourceUlids().size()).reversed()
                .thenComparingLong(BlockRecord::minTime).thenComparing(BlockRecord::ulid));
        Set<String> covered = new HashSet<>();
        List<BlockRecord> parts = new ArrayList<>();
        for (BlockRecord c : usable) {
            if (c.sourceUlids().stream().noneMatch(covered::contains)
                    && new HashSet<>(c.sourceUlids()).size() == c.sourceUlids().size()) {
                covered.addAll(c.sourceUlids());
                parts.add(c);
            }
        }
        return covered.equals(wanted) ? parts : new ArrayList<>();
    }
}
