package io.promdr.core.tsdb.verify;

import java.io.IOException;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_CRC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_FORMAT;

/**
 * One {@code len u32 · body · CRC32C(body)} structure of the index (symbol table, label index,
 * postings list, offset tables): the length field is not covered by the CRC.
 *
 * @param crcOk whether the stored CRC matched (when not, a problem was reported and the body is not to be trusted)
 */
record CrcSection(long start, long bodyLength, boolean crcOk) {
    static final String FILE = "index";

    long bodyStart() {
        return start + 4;
    }

    /** The offset just after the CRC. */
    long end() {
        return start + 4 + bodyLength + 4;
    }

    /**
     * Reads the structure at {@code start}, which must end by {@code limit}; null (with a problem) when its
     * length does not fit, so the caller cannot know where the next one starts.
     */
    static CrcSection read(VerificationRun run, FileWindow index, long start, long limit, String what)
            throws IOException {
        if (start + 8 > limit) {
            run.problem(CHECK_INDEX_SECTION_FORMAT, FILE, what + " at offset " + start + " has no room for its length"
                    + " and CRC before offset " + limit);
            return null;
        }
        int off = index.window(start, 4);
        long length = index.view().getInt(off) & 0xFFFFFFFFL;
        if (start + 8 + length > limit) {
            run.problem(CHECK_INDEX_SECTION_FORMAT, FILE, what + " at offset " + start + " has length " + length
                    + ", which runs past offset " + limit);
            return null;
        }
        int computed = index.crc(start + 4, length, run.crc);
        int stored = index.view().getInt(index.window(start + 4 + length, 4));
        if (stored != computed) {
            run.problem(CHECK_INDEX_SECTION_CRC, FILE, String.format("%s at offset %d (%d bytes): stored CRC32C %08x,"
                    + " computed %08x", what, start, length, stored, computed));
        }
        return new CrcSection(start, length, stored == computed);
    }
}
