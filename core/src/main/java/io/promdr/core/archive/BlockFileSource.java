package io.promdr.core.archive;

import io.promdr.core.model.FileRecord;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where {@link BlockArchiver#pack(BlockFileSource, String, java.util.List, java.io.OutputStream)}
 * reads a block's files: a directory on this machine, or a tar stream coming out of the
 * Prometheus container. Files are asked for one at a time, in archive order
 * ({@link BlockArchiver#archiveOrder}), each stream closed before the next is opened, so a
 * sequential source needs no buffering.
 */
public interface BlockFileSource {
    /**
     * Opens {@code file} for reading. Fails with CHECKSUM_MISMATCH ("changed while being backed
     * up") if the file is gone, is no longer a regular file or has another size than recorded.
     * The pack checks the bytes against the recorded SHA-256 itself.
     */
    InputStream open(FileRecord file) throws IOException;
}
