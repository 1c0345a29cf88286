package io.promdr.core.tsdb.verify;

import io.promdr.core.tsdb.BlockMeta;

import java.nio.file.Path;
import java.util.zip.CRC32C;

/** The state of one {@link BlockVerifier#verify} call, shared by its checks (never by two calls). */
final class VerificationRun {
    final Path blockDir;
    final Problems problems = new Problems();
    final Tally tally = new Tally();
    final CRC32C crc = new CRC32C();
    /** The parsed meta.json, or null when it is missing or unreadable. */
    BlockMeta meta;
    /** The IDs of the series entries found in the index, or null when unknown. */
    SeriesIds seriesIds;

    VerificationRun(Path blockDir) {
        this.blockDir = blockDir;
    }

    void problem(String check, String file, String detail) {
        problems.add(check, file, detail);
    }

    /** CRC32C over {@code bytes[off, off + len)}. */
    int crc(byte[] bytes, int off, int len) {
        crc.reset();
        crc.update(bytes, off, len);
        return (int) crc.getValue();
    }
}
