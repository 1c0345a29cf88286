package io.promdr.backup;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.BlockStats;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;
import io.promdr.core.snapshot.SnapshotBlock;
import io.promdr.core.tsdb.BlockMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The blocks committed manifests of one source already store, as candidate parts for a block
 * Prometheus compacted from them (see {@link BlockComposition}). Only blocks with known sources
 * and without tombstones are candidates; of several stored versions of one block (tombstones
 * written and then none) the newest manifest's is used.
 */
final class ComposableBlocks {
    private static final Logger log = LoggerFactory.getLogger(ComposableBlocks.class);

    private final Map<String, BlockRecord> byUlid = new LinkedHashMap<>();

    /** The candidates of {@code source} among {@code manifests} (oldest first, as {@link KnownBlocks#readableManifests} lists them). */
    static ComposableBlocks of(List<Manifest> manifests, String source) {
        ComposableBlocks blocks = new ComposableBlocks();
        for (int i = manifests.size() - 1; i >= 0; i--) {
            Manifest manifest = manifests.get(i);
            if (manifest.source() != null && source.equals(manifest.source().name())) {
                blocks.addAll(manifest);
            }
        }
        return blocks;
    }

    /** Adds the stored blocks of {@code manifest}; blocks already known from a newer manifest win. */
    void addAll(Manifest manifest) {
        for (BlockRecord stored : manifest.storedBlocks()) {
            BlockStats stats = stored.stats();
            if (!stored.sourceUlids().isEmpty() && (stats == null || stats.numTombstones() == 0)) {
                byUlid.putIfAbsent(stored.ulid(), stored);
            }
        }
    }

    /**
     * The block recorded as composed of stored blocks whose objects are all present, or empty when
     * the rule does not hold (then it is uploaded as usual). Reads only the block's meta.json.
     */
    Optional<BlockRecord> compose(SnapshotBlock block, Repository repository) throws IOException {
        BlockMeta meta = block.meta();
        if (meta.compactionLevel() < 2) {
            return Optional.empty();
        }
        BlockComposition.Decision decision = BlockComposition.decide(meta, byUlid.values());
        if (decision.composed().isEmpty()) {
            log.info("Compacted block {} is stored as its own object: {}", meta.ulid(), decision.reason());
            return Optional.empty();
        }
        BlockRecord composed = decision.composed().get();
        for (BlockRecord part : composed.composedOf()) {
            // The backup's lock keeps prunes from sweeping from here on: a present object stays.
            if (!repository.hasObject(part.object())) {
                log.info("Compacted block {} is stored as its own object: part {} is missing from the repository",
                        meta.ulid(), part.object().key());
                return Optional.empty();
            }
        }
        log.info("Compacted block {} recorded as {} ({} objects, nothing uploaded)", meta.ulid(), decision.reason(),
                composed.composedOf().size());
        return Optional.of(composed);
    }
}
