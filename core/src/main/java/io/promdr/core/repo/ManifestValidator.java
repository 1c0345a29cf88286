package io.promdr.core.repo;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what a manifest says before anything acts on it: a manifest comes from storage that
 * someone else may control, and its ULIDs and paths become directory and file names on restore.
 */
final class ManifestValidator {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** A block file path: meta.json, index, tombstones, chunks/NNNNNN, or other plain names one level deep ("." and ".." never). */
    private static final Pattern FILE_PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}(/[A-Za-z0-9][A-Za-z0-9._-]{0,254})?");

    private ManifestValidator() {
    }

    static void validate(String key, Manifest manifest) {
        if (manifest.source() == null || !RepositoryLayout.isValidSourceName(manifest.source().name())) {
            throw invalid(key, "has no valid source name");
        }
        if (!key.equals(RepositoryLayout.manifestKey(manifest.source().name(), manifest.id()))) {
            throw invalid(key, "belongs to source " + manifest.source().name() + ", not to the folder it is stored in");
        }
        Set<String> ulids = new HashSet<>();
        for (BlockRecord block : manifest.blocks()) {
            if (block.isComposed()) {
                validateComposed(key, manifest, block);
            } else {
                validateBlock(key, block);
            }
            if (!ulids.add(block.ulid())) {
                throw invalid(key, "lists block " + block.ulid() + " twice");
            }
        }
        // A restore writes one directory per stored block: one ULID must name one object.
        Map<String, String> objectOfUlid = new HashMap<>();
        for (BlockRecord block : manifest.blocks()) {
            for (BlockRecord stored : block.storedBlocks()) {
                String other = objectOfUlid.putIfAbsent(stored.ulid(), stored.object().key());
                if (other != null && !other.equals(stored.object().key())) {
                    throw invalid(key, "has two different objects for block " + stored.ulid());
                }
            }
        }
    }

    /**
     * A composed block: no object or files of its own, parts that are ordinary stored blocks,
     * disjoint in time and inside the block's range (docs/repository-format.md, "Composed blocks").
     */
    private static void validateComposed(String key, Manifest manifest, BlockRecord block) {
        if (manifest.formatVersion() < Manifest.COMPOSED_FORMAT_VERSION) {
            throw invalid(key, "has composed block " + block.ulid() + " but format version " + manifest.formatVersion());
        }
        validateIdentity(key, block);
        if (block.contentHash() != null || block.object() != null || !block.files().isEmpty()) {
            throw invalid(key, "has composed block " + block.ulid() + " with an object or files of its own");
        }
        List<BlockRecord> parts = new ArrayList<>(block.composedOf());
        parts.sort(Comparator.comparingLong(BlockRecord::minTime));
        Set<String> partUlids = new HashSet<>();
        long end = block.minTime();
        for (BlockRecord part : parts) {
            if (part.isComposed()) {
                throw invalid(key, "has composed block " + block.ulid() + " whose part " + part.ulid() + " is composed too");
            }
            validateBlock(key, part);
            if (!partUlids.add(part.ulid())) {
                throw invalid(key, "lists part " + part.ulid() + " of block " + block.ulid() + " twice");
            }
            if (part.minTime() < end || part.maxTime() > block.maxTime()) {
                throw invalid(key, "has part " + part.ulid() + " of block " + block.ulid()
                        + " that overlaps another part or lies outside the block's time range");
            }
            end = part.maxTime();
        }
    }

    private static void validateIdentity(String key, BlockRecord block) {
        if (!RepositoryLayout.isUlid(block.ulid())) {
            throw invalid(key, "has a block whose ULID is not valid: " + block.ulid());
        }
        if (block.minTime() >= block.maxTime()) {
            throw invalid(key, "has an empty time range for block " + block.ulid());
        }
        for (String source : block.sources()) {
            if (!RepositoryLayout.isUlid(source)) {
                throw invalid(key, "has a compaction source of block " + block.ulid() + " that is not a ULID: " + source);
            }
        }
    }

    private static void validateBlock(String key, BlockRecord block) {
        validateIdentity(key, block);
        if (block.contentHash() == null || !SHA256.matcher(block.contentHash()).matches() || block.object() == null
                || !RepositoryLayout.blockObjectKey(block.ulid(), block.contentHash()).equals(block.object().key())
                || block.object().sha256() == null || !SHA256.matcher(block.object().sha256()).matches()
                || block.object().size() < 0) {
            throw invalid(key, "has an invalid object reference for block " + block.ulid());
        }
        Set<String> paths = new HashSet<>();
        for (FileRecord file : block.files()) {
            if (file.path() == null || !FILE_PATH.matcher(file.path()).matches() || file.path().contains("..")
                    || file.size() < 0 || file.sha256() == null || !SHA256.matcher(file.sha256()).matches()
                    || !paths.add(file.path())) {
                throw invalid(key, "has an invalid file entry in block " + block.ulid() + ": " + file.path());
            }
        }
    }

    private static PromdrException invalid(String key, String what) {
        return new PromdrException(ErrorCode.MANIFEST_UNREADABLE, "manifest " + key + " " + what,
                "the object was damaged or tampered with; other backups are unaffected");
    }
}
