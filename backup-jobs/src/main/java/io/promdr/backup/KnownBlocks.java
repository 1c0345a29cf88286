package io.promdr.backup;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.StoredObject;
import io.promdr.core.repo.Repository;
import io.promdr.core.snapshot.SnapshotBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The blocks that committed manifests (of every source) already record, so that an incremental
 * backup neither re-reads nor re-uploads them.
 *
 * <p>Fast path, {@link #unchanged}: Prometheus never modifies a block's {@code index} or
 * {@code chunks/*} in place (TSDB reference, section 8); only {@code meta.json} and
 * {@code tombstones} can be replaced. So a block whose ULID is known, whose files have the recorded
 * sizes, and whose two mutable files have the recorded SHA-256 is the recorded block, without
 * hashing its index and chunks again.
 */
final class KnownBlocks {
    /** The files Prometheus may replace in a block directory (delete_series, failed compaction mark). */
    static final Set<String> MUTABLE_FILES = Set.of("meta.json", "tombstones");
    private static final Logger log = LoggerFactory.getLogger(KnownBlocks.class);

    private final Map<String, BlockRecord> byKey = new HashMap<>();
    private final Map<String, List<BlockRecord>> byUlid = new HashMap<>();

    /**
     * Reads every committed manifest. One that cannot be read is skipped with a warning: it only
     * costs reuse, and it must not stop backups (verify reports it).
     */
    static KnownBlocks load(Repository repository) throws IOException {
        return of(readableManifests(repository));
    }

    /**
     * Every committed manifest that can be read, of every source (grouped by source, each oldest
     * first): one listing serves both the reuse of stored blocks and {@link ComposableBlocks}.
     */
    static List<Manifest> readableManifests(Repository repository) throws IOException {
        return repository.listManifests(null, problem ->
                log.warn("Skipping a manifest while looking for reusable blocks: {}", problem.getMessage()));
    }

    static KnownBlocks of(List<Manifest> manifests) {
        KnownBlocks known = new KnownBlocks();
        manifests.forEach(known::addAll);
        return known;
    }

    void addAll(Manifest manifest) {
        // The parts of composed blocks are stored blocks like any other.
        for (BlockRecord block : manifest.storedBlocks()) {
            if (byKey.putIfAbsent(block.object().key(), block) == null) {
                byUlid.computeIfAbsent(block.ulid(), u -> new ArrayList<>()).add(block);
            }
        }
    }

    /** True when a manifest records a block with this ULID stored as its own object. */
    boolean storesUlid(String ulid) {
        return byUlid.containsKey(ulid);
    }

    /** The recorded object stored under {@code key}, if a manifest references it. */
    Optional<StoredObject> object(String key) {
        return Optional.ofNullable(byKey.get(key)).map(BlockRecord::object);
    }

    /** A recorded block that {@code blockDir} still is (see the class comment), reading only its small mutable files. */
    Optional<BlockRecord> unchanged(SnapshotBlock block, String ulid) throws IOException {
        List<BlockRecord> candidates = byUlid.getOrDefault(ulid, List.of());
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> sizes = new TreeMap<>(block.fileSizes());
        Map<String, String> mutableHashes = new HashMap<>();
        for (BlockRecord candidate : candidates) {
            if (sizesOf(candidate).equals(sizes) && mutableFilesMatch(block, candidate, mutableHashes)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean mutableFilesMatch(SnapshotBlock block, BlockRecord candidate, Map<String, String> hashes) throws IOException {
        for (FileRecord file : candidate.files()) {
            if (MUTABLE_FILES.contains(file.path())) {
                String actual = hashes.get(file.path());
                if (actual == null) {
                    actual = block.sha256(file.path());
                    hashes.put(file.path(), actual);
                }
                if (!actual.equals(file.sha256())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Map<String, Long> sizesOf(BlockRecord block) {
        Map<String, Long> sizes = new TreeMap<>();
        block.files().forEach(f -> sizes.put(f.path(), f.size()));
        return sizes;
    }
}
