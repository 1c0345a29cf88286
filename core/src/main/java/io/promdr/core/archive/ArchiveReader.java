package io.promdr.core.archive;

import io.promdr.core.error.PromdrException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a block archive for {@link ArchiveWalker}, turning decoding failures (corrupt zstd
 * frame, broken tar header, truncated stream) into ARCHIVE_UNSAFE while letting I/O errors of
 * the source stream through unchanged, so a network failure stays retryable.
 */
final class ArchiveReader {
    private static final String STREAM = "(archive stream)";
    private final SourceInputStream source;
    private final String ulid;
    private int entries;

    ArchiveReader(SourceInputStream source, String ulid) {
        this.source = source;
        this.ulid = ulid;
    }

    /** The next entry, or null at the end of an archive that held at least one entry. */
    TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        TarArchiveEntry entry;
        try {
            entry = tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw translate(e, STREAM);
        }
        if (entry == null && entries == 0) {
            throw ArchiveWalker.unsafe(ulid, STREAM, "empty archive");
        }
        entries++;
        return entry;
    }

    /** Reads the current entry's data; -1 at its end. */
    int read(TarArchiveInputStream tar, TarArchiveEntry entry, byte[] buffer) throws IOException {
        try {
            return tar.read(buffer, 0, buffer.length);
        } catch (IOException | RuntimeException e) {
            throw translate(e, entry.getName());
        }
    }

    /**
     * Reads the decompressed stream to its end, so zstd verifies the frame checksum and notices
     * a truncated frame even though tar stopped at its end-of-archive marker.
     */
    void drain(InputStream decompressed, byte[] buffer, long maxTrailingBytes) throws IOException {
        long trailing = 0;
        try {
            int n;
            while ((n = decompressed.read(buffer, 0, buffer.length)) >= 0) {
                trailing += n;
                if (trailing > maxTrailingBytes) {
                    throw ArchiveWalker.unsafe(ulid, STREAM, "more than " + maxTrailingBytes
                            + " bytes after the end of the tar archive");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw translate(e, STREAM);
        }
    }

    /** Rethrows an ARCHIVE_UNSAFE as is, returns a source I/O error to rethrow, and throws ARCHIVE_UNSAFE for the rest. */
    private IOException translate(Exception e, String name) {
        if (e instanceof PromdrException promdr) {
            throw promdr;
        }
        if (source.failed() && e instanceof IOException io) {
            return io;
        }
        throw ArchiveWalker.unsafe(ulid, name, "corrupt or truncated archive: " + e.getMessage(), e);
    }
}
