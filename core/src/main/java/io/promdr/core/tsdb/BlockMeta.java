package io.promdr.core.tsdb;

import io.promdr.core.model.BlockStats;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The fields of a block's {@code meta.json} promdr uses (tsdb-format reference, section 1).
 * Parsing is lenient about unknown fields and strict about {@code version == 1}.
 */
public record BlockMeta(String ulid, long minTime, long maxTime, BlockStats stats, int compactionLevel, int version) {

    /** Reads {@code <blockDir>/meta.json}; a missing, malformed or wrong-version file raises DATA_DIR_INVALID naming the file. */
    public static BlockMeta read(Path blockDir) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
