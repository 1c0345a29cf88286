package io.promdr.core.archive;

import io.promdr.core.model.FileRecord;
import io.promdr.core.tsdb.Ulids;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Lists what a block archive holds without writing anything: path, size and SHA-256 of every
 * file, after the same checks {@link BlockExtractor} applies (entries under {@code <ULID>/},
 * directories and regular files only, no clashing paths, sizes that do not lie, entry and byte
 * limits, little trailing data, a complete zstd frame with a matching checksum). An archive this
 * accepts is one the extractor accepts and recreates with exactly these files. A backup uses it
 * to check an object it finds already stored before recording it in a manifest.
 */
public final class BlockArchiveContents {
    private BlockArchiveContents() {
    }

    /**
     * Reads {@code tarZst} (not closed) to its end and returns the files of block
     * {@code expectedUlid} it holds, sorted by path, with paths relative to the block directory.
     * An archive whose files add up to more than {@code maxFileBytes} is refused as soon as an
     * entry's declared size goes past it, so a small object that decompresses to far more is not
     * read to its end.
     *
     * @throws io.promdr.core.error.PromdrException ARCHIVE_UNSAFE if the archive is corrupt,
     *         truncated, or holds anything the extractor would refuse
     * @throws IOException an I/O error of {@code tarZst} itself, unchanged
     */
    public static List<FileRecord> read(InputStream tarZst, String expectedUlid, long maxFileBytes) throws IOException {
        return read(tarZst, expectedUlid, maxFileBytes, ArchiveWalker.MAX_ENTRIES);
    }

    /** As {@link #read(InputStream, String, long)} with a lower entry limit, for tests. */
    static List<FileRecord> read(InputStream tarZst, String expectedUlid, long maxFileBytes, int maxEntries)
            throws IOException {
        if (!Ulids.isStrict(expectedUlid)) {
            throw new IllegalArgumentException("not a block ULID: " + expectedUlid);
        }
        ArchiveWalker walker = new ArchiveWalker(expectedUlid, maxEntries, maxFileBytes, "expected");
        return walker.walk(tarZst, new ArchiveWalker.Sink() {
            @Override
            public void directory(String path, String entryName) {
                // nothing to create: the walker already checked the name
            }

            @Override
            public void file(String path, String entryName, ArchiveWalker.FileData data) throws IOException {
                // only the hash the walker computes on the way is wanted
                data.writeTo(OutputStream.nullOutputStream());
            }
        });
    }
}
