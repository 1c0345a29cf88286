package io.promdr.restore;

import io.promdr.core.archive.BlockArchiveContents;
import io.promdr.core.archive.BlockExtractor;
import io.promdr.core.archive.HashingInputStream;
import io.promdr.core.io.ReadAheadInputStream;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ParallelRangeInputStream;
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
 * Downloads one block and proves it is the block the manifest recorded: the object's size and
 * SHA-256, then every file's path, size and SHA-256, all computed while streaming (one pass,
 * bounded memory). {@link #download} extracts the block into a directory (restore, drill);
 * {@link #check} only reads it (verify --read-data). A mismatch raises
 * {@link BlockMismatchException}; an archive the extractor refuses, ARCHIVE_UNSAFE; a missing
 * object, OBJECT_MISSING.
 */
public final class BlockDownloader {
    private static final Logger log = LoggerFactory.getLogger(BlockDownloader.class);

    private final ObjectStore store;
    private final String backupId;
    private final int rangeSize;
    private final int rangesInFlight;

    public BlockDownloader(ObjectStore store, String backupId) {
        this(store, backupId, ParallelRangeInputStream.DEFAULT_RANGE_SIZE, ParallelRangeInputStream.DEFAULT_RANGES_IN_FLIGHT);
    }

    /** With another range size and count (tests use small ranges on small objects). */
    BlockDownloader(ObjectStore store, String backupId, int rangeSize, int rangesInFlight) {
        this.store = store;
        this.backupId = backupId;
        this.rangeSize = rangeSize;
        this.rangesInFlight = rangesInFlight;
    }

    /** What one archive read does with the stream: extract it, or only list and hash its files. */
    @FunctionalInterface
    private interface ArchiveRead {
        List<FileRecord> read(InputStream tarZst) throws IOException;
    }

    /** Extracts {@code block} into {@code stagingDir/<ULID>} and verifies it; returns the bytes downloaded. */
    public long download(BlockRecord block, Path stagingDir) throws IOException {
        BlockExtractor extractor = new BlockExtractor();
        // Bounded by the manifest's file sizes: a hostile object cannot fill the disk before the checks.
        return read(block, in -> extractor.extract(in, stagingDir, block.ulid(), block.filesSize()));
    }

    /** Reads {@code block}'s object to its end and verifies it without writing anything; returns the bytes read. */
    public long check(BlockRecord block) throws IOException {
        return read(block, in -> BlockArchiveContents.read(in, block.ulid(), block.filesSize()));
    }

    private long read(BlockRecord block, ArchiveRead archiveRead) throws IOException {
        // The object is hashed on the read-ahead thread, so downloading and hashing it overlap with
        // decompressing, and the files' hashing and writing (docs/performance.md, "Restore").
        HashingInputStream object = new HashingInputStream(objectStream(block));
        try (InputStream readAhead = new ReadAheadInputStream(object)) {
            List<FileRecord> files;
            try {
                files = archiveRead.read(new NonClosingInputStream(readAhead));
            } catch (IOException | RuntimeException e) {
                // A damaged object usually fails to decompress or unpack: say it is the object, when it is.
                if (drainAfterFailure(readAhead, e)) {
                    checkObject(block, object, e);
                }
                throw e;
            }
            // The archive reader stops at the tar end marker; the object's hash covers every byte.
            // Reaching the end of the read-ahead means its thread has hashed the last byte.
            readAhead.transferTo(OutputStream.nullOutputStream());
            checkObject(block, object, null);
            checkFiles(block, files);
            log.info("Block {} read and verified ({} bytes)", block.ulid(), object.count());
            return object.count();
        }
    }

    /**
     * The object's bytes: one of at least two ranges as ranges fetched a few at a time
     * ({@link ParallelRangeInputStream}), a smaller one with a single get.
     */
    private InputStream objectStream(BlockRecord block) throws IOException {
        long size = block.object().size();
        if (size >= 2L * rangeSize) {
            return new ParallelRangeInputStream(store, block.object().key(), size, rangeSize, rangesInFlight);
        }
        return store.get(block.object().key());
    }

    private void checkObject(BlockRecord block, HashingInputStream object, Throwable cause) {
        if (object.count() != block.object().size() || !object.hex().equals(block.object().sha256())) {
            throw mismatch(block, BlockMismatchException.OBJECT_CHECKSUM, null, "object " + block.object().key() + " ("
                    + object.count() + " bytes, SHA-256 " + object.hex() + ")", cause);
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
            throw mismatch(block, BlockMismatchException.FILE_LIST, null,
                    "file list (missing " + missing + ", unexpected " + unexpected + ")", null);
        }
        for (FileRecord file : expected.values()) {
            if (!file.equals(actual.get(file.path()))) {
                throw mismatch(block, BlockMismatchException.FILE_CHECKSUM, file.path(), "file " + file.path(), null);
            }
        }
    }

    private BlockMismatchException mismatch(BlockRecord block, String problem, String file, String what, Throwable cause) {
        return new BlockMismatchException(block.ulid(), problem, file,
                "block " + block.ulid() + " of backup " + backupId + ": " + what + " does not match the manifest", cause);
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
            // A stream that keeps its failure (read ahead, decryption) rethrows the same instance: it cannot suppress itself.
            if (e != failure) {
                failure.addSuppressed(e);
            }
            return false;
        }
    }

    /** Keeps the archive reader (and any decompressor it stacks) from closing the object stream before it is hashed to the end. */
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
