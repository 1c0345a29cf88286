package io.promdr.restore.drill;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Where a test finds the sections of a block's index: its TOC, the last 52 bytes (tsdb-format reference, section 2). */
final class IndexLayout {
    private IndexLayout() {
    }

    /** symbols, series, labelIndices, labelIndicesTable, postings, postingsTable offsets. */
    static long[] toc(Path block) throws IOException {
        try (RandomAccessFile index = new RandomAccessFile(block.resolve("index").toFile(), "r")) {
            byte[] toc = new byte[48];
            index.seek(index.length() - 52);
            index.readFully(toc);
            ByteBuffer buffer = ByteBuffer.wrap(toc);
            long[] offsets = new long[6];
            for (int i = 0; i < 6; i++) {
                offsets[i] = buffer.getLong();
            }
            return offsets;
        }
    }
}
