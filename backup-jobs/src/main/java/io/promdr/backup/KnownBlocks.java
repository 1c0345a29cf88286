package io.promdr.backup;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.StoredObject;
import io.promdr.core.repo.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

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
        KnownBlocks known = new KnownBlocks();
        repository.listManifests(null, problem ->
                log.warn("Skipping a manifest while looking for reusable blocks: {}", problem.getMessage()))
                .forEach(known::addAll);
        return known;
    }

    void addAll(Manifest manifest) {
        for (BlockRecord block : manifest.blocks()) {
            if (byKey.putIfAbsent(block.object().key(), block) == null) {
                byUlid.computeIfAbsent(block.ulid(), u -> new ArrayList<>()).add(block);
            }
        }
    }

    /** The recorded object stored under {@code key}, if a manifest references it. */
    Optional<StoredObject> object(String key) {
        return Optional.ofNullable(byKey.get(key)).map(BlockRecord::object);
    }

    /** A recorded block that {@code blockDir} still is (see the class comment), reading only its small mutable files. */
    Optional<BlockRecord> unchanged(Path blockDir, String ulid) throws IOException {
        List<BlockRecord> candidates = byUlid.getOrDefault(ulid, List.of());
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> sizes = fileSizes(blockDir);
        Map<String, String> mutableHashes = new HashMap<>();
        for (BlockRecord candidate : candidates) {
            if (sizesOf(candidate).equals(sizes) && mutableFilesMatch(blockDir, candidate, mutableHashes)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean mutableFilesMatch(Path blockDir, BlockRecord candidate, Map<String, String> hashes) throws IOException {
        for (FileRecord file : candidate.files()) {
            if (MUTABLE_FILES.contains(file.path())) {
                String actual = hashes.get(file.path());
                if (actual == null) {
                    actual = sha256(blockDir.resolve(file.path()));
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

    /** Relative '/'-separated path to size of every regular file under the block directory. */
    private static Map<String, Long> fileSizes(Path blockDir) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(blockDir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String relative = blockDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                sizes.put(relative, Files.size(file));
            }
        }
        return sizes;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
