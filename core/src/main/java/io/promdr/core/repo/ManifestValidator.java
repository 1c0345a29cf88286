package io.promdr.core.repo;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;

import java.util.HashSet;
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
            validateBlock(key, block);
            if (!ulids.add(block.ulid())) {
                throw invalid(key, "lists block " + block.ulid() + " twice");
            }
        }
    }

    private static void validateBlock(String key, BlockRecord block) {
        if (!RepositoryLayout.isUlid(block.ulid())) {
            throw invalid(key, "has a block whose ULID is not valid: " + block.ulid());
        }
        if (block.contentHash() == null || !SHA256.matcher(block.contentHash()).matches() || block.object() == null
                || !RepositoryLayout.blockObjectKey(block.ulid(), block.contentHash()).equals(block.object().key())
                || block.object().sha256() == null || !SHA256.matcher(block.object().sha256()).matches()
                || block.object().size() < 0) {
            throw invalid(key, "has an invalid object reference for block " + block.ulid());
        }
        if (block.minTime() >= block.maxTime()) {
            throw invalid(key, "has an empty time range for block " + block.ulid());
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
