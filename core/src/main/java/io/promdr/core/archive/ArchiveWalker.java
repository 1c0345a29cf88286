package io.promdr.core.archive;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a block archive entry by entry, applying every safety rule before handing an entry to an
 * {@link Sink}: names under {@code <ulid>/} only (see {@link EntryNames}), directories and
 * regular files only ({@link EntryTypes}), no clashing paths ({@link EntryTree}), at most
 * {@code maxEntries} entries and {@code maxFileBytes} bytes of files, sizes that do not lie,
 * little data after the tar end and a complete zstd frame whose checksum matches. Any violation,
 * and any corrupt or truncated stream, is ARCHIVE_UNSAFE; an I/O error of the source stream is
 * rethrown as is. The one loop behind {@link BlockExtractor} (writes files) and
 * {@link BlockArchiveContents} (only hashes them).
 */
final class ArchiveWalker {
    /** Where the entries go. Paths are relative to the block directory, '/'-separated, already checked. */
    interface Sink {
        /** A directory entry below the block directory (the block directory itself is not passed). */
        void directory(String path, String entryName) throws IOException;

        /** A regular file: opens where it goes, calls {@link FileData#writeTo} once, then closes it. */
        void file(String path, String entryName, FileData data) throws IOException;
    }

    /** The data of one file entry. */
    interface FileData {
        /** Copies the entry's data to {@code out} (not closed), hashing it on the way. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** A block has 4 files plus one per 512 MiB chunk segment: anything near this is not a block. */
    static final int MAX_ENTRIES = 100_000;
    /** Tar pads its end to a 10 KiB block; more data after the end-of-archive marker is suspect. */
    private static final long MAX_TRAILING_BYTES = 1 << 20;
    /** Buffers of decompressed file data queued for hashing and writing: 4 MiB ahead at most. */
    private static final int WRITE_BUFFERS = 4;
    private static final String HINT = "the stored object is damaged or was not written by promdr;"
            + " run `promdr verify` and restore from another backup";

    private final String ulid;
    private final int maxEntries;
    private final long maxFileBytes;
    private final String fileBytesLimitName;

    /**
     * @param fileBytesLimitName what {@code maxFileBytes} is, for the message when it is exceeded
     *                           (e.g. "the manifest records")
     */
    ArchiveWalker(String ulid, int maxEntries, long maxFileBytes, String fileBytesLimitName) {
        this.ulid = ulid;
        this.maxEntries = maxEntries;
        this.maxFileBytes = maxFileBytes;
        this.fileBytesLimitName = fileBytesLimitName;
    }

    /** Reads {@code tarZst} (not closed) to its end and returns path, size and SHA-256 of every file, sorted by path. */
    List<FileRecord> walk(InputStream tarZst, Sink sink) throws IOException {
        SourceInputStream source = new SourceInputStream(tarZst);
        List<FileRecord> files = new ArrayList<>();
        EntryTree tree = new EntryTree(ulid);
        long budget = maxFileBytes;
        byte[] buffer = new byte[64 << 10]; // only for what follows the tar end
        try (ZstdInputStreamNoFinalizer zstd = new ZstdInputStreamNoFinalizer(source);
             TarArchiveInputStream tar = new TarArchiveInputStream(zstd);
             PipelinedFileWriter writer = new PipelinedFileWriter(BlockArchiver.BUFFER_SIZE, WRITE_BUFFERS)) {
            ArchiveReader reader = new ArchiveReader(source, ulid);
            TarArchiveEntry entry;
            while ((entry = reader.next(tar)) != null) {
                String name = entry.getName();
                if (tree.size() >= maxEntries) {
                    throw unsafe(ulid, name, "more than " + maxEntries + " entries");
                }
                String key = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                boolean directory = EntryTypes.isDirectory(entry);
                String problem = EntryNames.problem(name, ulid);
                problem = problem != null ? problem : EntryTypes.problem(entry);
                problem = problem != null ? problem : tree.add(key, directory);
                if (problem != null) {
                    throw unsafe(ulid, name, problem);
                }
                String path = key.equals(ulid) ? "" : key.substring(ulid.length() + 1);
                if (directory) {
                    if (!path.isEmpty()) {
                        sink.directory(path, name);
                    }
                    continue;
                }
                // The tar stream never yields more than the declared size, so this bounds what the sink gets.
                if (entry.getSize() > budget) {
                    throw unsafe(ulid, name, "its files add up to more than the " + maxFileBytes + " bytes "
                            + fileBytesLimitName);
                }
                budget -= entry.getSize();
                files.add(copy(reader, tar, entry, path, sink, writer));
            }
            reader.drain(zstd, buffer, MAX_TRAILING_BYTES);
        }
        files.sort(Comparator.comparing(FileRecord::path));
        return files;
    }

    /** Decompresses on this thread; the writer hashes and writes on its own (see {@link PipelinedFileWriter}). */
    private FileRecord copy(ArchiveReader reader, TarArchiveInputStream tar, TarArchiveEntry entry, String path,
                            Sink sink, PipelinedFileWriter writer) throws IOException {
        Sha256 sha256 = new Sha256();
        sink.file(path, entry.getName(), out -> {
            try {
                byte[] buffer = writer.take();
                int n;
                while ((n = reader.read(tar, entry, buffer)) >= 0) {
                    if (n == 0) {
                        continue;
                    }
                    writer.submit(buffer, n, sha256, out);
                    buffer = writer.take();
                }
                writer.giveBack(buffer);
                writer.finish();
            } catch (IOException | RuntimeException e) {
                // Nothing may still be writing once the sink closes (and perhaps deletes) the file.
                writer.finishQuietly(e);
                throw e;
            }
        });
        if (sha256.count() != entry.getSize()) {
            throw unsafe(ulid, entry.getName(), "declared size " + entry.getSize() + " but " + sha256.count()
                    + " bytes in the archive");
        }
        return new FileRecord(path, sha256.count(), sha256.hex());
    }

    static PromdrException unsafe(String ulid, String name, String reason) {
        return unsafe(ulid, name, reason, null);
    }

    static PromdrException unsafe(String ulid, String name, String reason, Throwable cause) {
        return new PromdrException(ErrorCode.ARCHIVE_UNSAFE,
                "archive of block " + ulid + " has an unsafe entry: " + EntryNames.printable(name) + " (" + reason + ")",
                HINT, cause);
    }
}
