package io.promdr.core.archive;

import io.promdr.core.model.FileRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Unpacks a block archive into a staging directory, refusing anything that could write outside
 * it: absolute paths, "..", links, devices, FIFOs, entries outside {@code <expectedUlid>/}, names
 * too long, sizes that lie. Failures raise {@link io.promdr.core.error.ErrorCode#ARCHIVE_UNSAFE}.
 */
public final class BlockExtractor {

    /**
     * Extracts {@code tarZst} (not closed) into {@code stagingDir}, creating
     * {@code stagingDir/<expectedUlid>/...}, and returns path (relative to the block), size and
     * SHA-256 of every file written, sorted by path. Does not compare them with the manifest:
     * the caller does, before anything leaves the staging directory.
     */
    public List<FileRecord> extract(InputStream tarZst, Path stagingDir, String expectedUlid) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
