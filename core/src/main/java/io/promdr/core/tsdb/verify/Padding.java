package io.promdr.core.tsdb.verify;

import java.io.IOException;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_FORMAT;

/** The zero bytes the index writer puts before aligned entries (series: 16 bytes, lists: 4 bytes). */
final class Padding {
    private Padding() {
    }

    static long align(long pos, int alignment) {
        return (pos + alignment - 1) / alignment * alignment;
    }

    /** Reports non-zero bytes in {@code [from, to)} of the index (at most 15 bytes). */
    static void checkZero(VerificationRun run, FileWindow index, long from, long to, String what) throws IOException {
        if (to <= from) {
            return;
        }
        int off = index.window(from, to - from);
        byte[] bytes = index.buffer();
        for (int i = 0; i < to - from; i++) {
            if (bytes[off + i] != 0) {
                run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, what + ": padding byte at offset " + (from + i)
                        + " is " + (bytes[off + i] & 0xFF) + ", expected 0");
                return;
            }
        }
    }
}
