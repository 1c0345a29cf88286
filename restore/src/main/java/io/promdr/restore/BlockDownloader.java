package io.promdr.restore;

import io.promdr.core.archive.BlockExtractor;
import io.promdr.core.archive.HashingInputStream;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Downloads one block into the staging directory and proves it is the block the manifest
 * recorded: the object's size and SHA-256, then every file's path, size and SHA-256, all
 * computed while streaming (one pass, bounded memory).
 */
final class BlockDownloader {
    private static final Logger log = LoggerFactory.getLogger(BlockDownloader.class);

    private final ObjectStore store;
    private final BlockExtractor extractor;
    private final String backupId;

    BlockDownloader(ObjectStore store, BlockExtractor extractor, String backupId) {
        this.store = store;
        this.extractor = extractor;
        this.backupId = backupId;
    }

    /** Extracts {@code block} into {@code stagingDir/<ULID>} and verifies it; returns the bytes downloaded. */
    long download(BlockRecord block, Path stagingDir) throws IOException {
        try (HashingInputStream object = new HashingInputStream(store.get(block.object().key()))) {
            List<FileRecord> extracted;
            try {
                // Bounded by the manifest's file sizes: a hostile object cannot fill the disk before the checks below.
                extracted = extractor.extract(new NonClosingInputStream(object), stagingDir, block.ulid(), block.filesSize());
            } catch (IOException | RuntimeException e) {
                // A damaged object usually fails to decompress or unpack: say it is the object, when it is.
                if (drainAfterFailure(object, e)) {
                    checkObject(block, object, e);
                }
                throw e;
            }
            // The extractor stops at the tar end marker; the object's hash covers every byte.
            object.transferTo(OutputStream.nullOutputStream());
            checkObject(block, object, null);
            checkFiles(block, extracted);
            log.info("Block {} downloaded and verified ({} bytes)", block.ulid(), object.count());
            return object.count();
        }
    }

    private void checkObject(BlockRecord block, HashingInputStream object, Throwable cause) {
        if (object.count() != block.object().size() || !object.hex().equals(block.object().sha256())) {
            throw mismatch(block, "object " + block.object().key() + " (" + object.count() + " bytes, SHA-256 "
                    + object.hex() + ")", cause);
        }
    }

    private void checkFiles(BlockRecord block, List<FileRecord> extracted) {
        Map<String, FileRecord> expected = byPath(block.files());
        Map<String, FileRecord> actual = byPath(extracted);
        if (!expected.keySet().equals(actual.keySet())) {
            Set<String> missing = new TreeSet<>(expected.keySet());
            missing.removeAll(actual.keySet());
            Set<String> unexpected = new TreeSet<>(actual.keySet());
            unexpected.removeAll(expected.keySet());
            throw mismatch(block, "file list (missing " + missing + ", unexpected " + unexpected + ")", null);
        }
        for (FileRecord file : expected.values()) {
            if (!file.equals(actual.get(file.path()))) {
                throw mismatch(block, "file " + file.path(), null);
            }
        }
    }

    private PromdrException mismatch(BlockRecord block, String what, Throwable cause) {
        return new PromdrException(ErrorCode.CHECKSUM_MISMATCH,
                "block " + block.ulid() + " of backup " + backupId + ": " + what + " does not match the manifest",
                "the repository object is corrupted; restore another backup or run promdr verify", cause);
    }

    private static Map<String, FileRecord> byPath(List<FileRecord> files) {
        return files.stream().collect(Collectors.toMap(FileRecord::path, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    /** Reads the rest of the object so its hash can be checked; false when that fails too (then the hash says nothing). */
    private static boolean drainAfterFailure(InputStream object, Exception failure) {
        try {
            object.transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            return false;
        }
    }

    /** Keeps the extractor (and any decompressor it stacks) from closing the object stream before it is hashed to the end. */
    private static final class NonClosingInputStream extends FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes the object stream
        }
    }
}
