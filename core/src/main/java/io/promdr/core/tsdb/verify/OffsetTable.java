package io.promdr.core.tsdb.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_FORMAT;

/**
 * Reads a label-offset or postings-offset table entry by entry (after its CRC was checked):
 * {@code len · #entries u32 · entries · CRC}, each entry {@code uvarint #keys, #keys × (uvarint length,
 * bytes), uvarint offset}. Checks the key count and that keys strictly ascend; holds only the current
 * and the previous entry.
 */
final class OffsetTable {
    private static final int MAX_VARINT = 10;

    private final VerificationRun run;
    private final FileWindow index;
    private final String what;
    private final int keys;
    private final long end;
    private final long count;
    private final Decoder decoder = new Decoder();
    private long pos;
    private long read;
    private byte[][] current;
    private byte[][] previous;
    private final int[] currentLength;
    private final int[] previousLength;
    private long offset;

    private OffsetTable(VerificationRun run, FileWindow index, String what, int keys, CrcSection table, long count) {
        this.run = run;
        this.index = index;
        this.what = what;
        this.keys = keys;
        this.end = table.bodyStart() + table.bodyLength();
        this.count = count;
        this.pos = table.bodyStart() + 4;
        this.current = new byte[keys][64];
        this.previous = new byte[keys][64];
        this.currentLength = new int[keys];
        this.previousLength = new int[keys];
    }

    /** The table at {@code start} (ending by {@code limit}), or null when its length or CRC is bad (reported). */
    static OffsetTable open(VerificationRun run, FileWindow index, String what, int keys, long start, long limit)
            throws IOException {
        CrcSection table = CrcSection.read(run, index, start, limit, what);
        if (table == null || !table.crcOk()) {
            return null;
        }
        if (table.end() != limit) {
            run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, what + " ends at " + table.end()
                    + " but the next section starts at " + limit);
        }
        if (table.bodyLength() < 4) {
            run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, what + " is too short for its entry count");
            return null;
        }
        long count = index.view().getInt(index.window(table.bodyStart(), 4)) & 0xFFFFFFFFL;
        return new OffsetTable(run, index, what, keys, table, count);
    }

    long count() {
        return count;
    }

    /** Reads the next entry; false at the end of the table or when an entry does not decode (reported). */
    boolean next() throws IOException {
        if (read >= count) {
            return false;
        }
        byte[][] swap = previous;
        previous = current;
        current = swap;
        System.arraycopy(currentLength, 0, previousLength, 0, keys);
        try {
            long n = uvarint();
            if (n != keys) {
                throw new CorruptDataException("has " + n + " keys, expected " + keys);
            }
            for (int k = 0; k < keys; k++) {
                int length = (int) Math.min(Integer.MAX_VALUE, uvarint());
                if (pos + length > end) {
                    throw new CorruptDataException("a key of " + length + " bytes runs past the table's end");
                }
                int off = index.window(pos, length);
                if (current[k].length < length) {
                    current[k] = new byte[Math.max(length, current[k].length * 2)];
                }
                System.arraycopy(index.buffer(), off, current[k], 0, length);
                currentLength[k] = length;
                pos += length;
            }
            offset = uvarint();
        } catch (CorruptDataException e) {
            problem("entry " + read + " at offset " + pos + " " + e.getMessage());
            read = count;
            return false;
        }
        if (read > 0 && compareToPrevious() <= 0) {
            problem("entry " + read + " (" + keyText() + ") does not sort after the entry before it");
        }
        read++;
        if (read == count && pos != end) {
            problem("holds " + (end - pos) + " bytes after its " + count + " entries");
        }
        return true;
    }

    /** The section offset of the current entry. */
    long offset() {
        return offset;
    }

    /** True when every key of the current entry is empty: the all-postings entry ("", ""). */
    boolean emptyKey() {
        for (int k = 0; k < keys; k++) {
            if (currentLength[k] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The current keys for messages, e.g. {@code job="drill"}. */
    String keyText() {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < keys; k++) {
            String key = new String(current[k], 0, Math.min(currentLength[k], 100), StandardCharsets.UTF_8);
            text.append(k == 0 ? key : "=\"" + key + "\"");
        }
        return text.toString();
    }

    private int compareToPrevious() {
        for (int k = 0; k < keys; k++) {
            int cmp = Arrays.compareUnsigned(current[k], 0, currentLength[k], previous[k], 0, previousLength[k]);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private long uvarint() throws IOException {
        int off = index.windowUpTo(pos, MAX_VARINT);
        int available = (int) Math.min(index.available(pos, MAX_VARINT), end - pos);
        long value = decoder.reset(index.buffer(), off, off + Math.max(0, available)).uvarint();
        pos += decoder.position() - off;
        return value;
    }

    private void problem(String detail) {
        run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, what + ": " + detail);
    }
}
