package io.promdr.core.tsdb.verify;

import java.io.IOException;
import java.util.Arrays;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_FORMAT;

/**
 * The symbol table: {@code len · #symbols u32 · #symbols × (uvarint length, bytes) · CRC}, symbols
 * strictly ascending bytewise. A series references a symbol by its ordinal, so ordinals compare like
 * the strings they stand for: the series checks rely on that instead of keeping any symbol in memory.
 *
 * @param count    the number of symbols, or -1 when the table is unusable (then symbol checks are skipped)
 * @param emptyRef the ordinal of the empty string (always 0 when present), or -1
 */
record SymbolTable(long count, long emptyRef) {
    static final SymbolTable UNKNOWN = new SymbolTable(-1, -1);
    private static final int MAX_VARINT = 10;

    boolean known() {
        return count >= 0;
    }

    static SymbolTable check(VerificationRun run, FileWindow index, IndexToc toc) throws IOException {
        CrcSection table = CrcSection.read(run, index, toc.symbols(), toc.series(), "symbol table");
        if (table == null || !table.crcOk()) {
            return UNKNOWN;
        }
        if (table.end() != toc.series()) {
            format(run, "the symbol table ends at " + table.end() + " but the TOC puts the series at " + toc.series());
        }
        long pos = table.bodyStart();
        long end = table.bodyStart() + table.bodyLength();
        long count = index.view().getInt(index.window(pos, 4)) & 0xFFFFFFFFL;
        pos += 4;
        Decoder decoder = new Decoder();
        byte[] previous = new byte[64];
        int previousLength = -1;
        long emptyRef = -1;
        for (long i = 0; i < count; i++) {
            try {
                int off = index.windowUpTo(pos, MAX_VARINT);
                decoder.reset(index.buffer(), off, off + index.available(pos, MAX_VARINT));
                int length = decoder.uvarintInt("symbol length");
                pos += decoder.position() - off;
                if (pos + length > end) {
                    throw new CorruptDataException("its " + length + " bytes run past the table's end at " + end);
                }
                off = index.window(pos, length);
                byte[] bytes = index.buffer();
                if (previousLength >= 0
                        && Arrays.compareUnsigned(previous, 0, previousLength, bytes, off, off + length) >= 0) {
                    format(run, "symbol " + i + " at offset " + pos + " does not sort after the symbol before it");
                    return UNKNOWN;
                }
                if (length > previous.length) {
                    previous = new byte[Math.max(length, previous.length * 2)];
                }
                System.arraycopy(bytes, off, previous, 0, length);
                previousLength = length;
                if (length == 0) {
                    emptyRef = i;
                }
                pos += length;
            } catch (CorruptDataException e) {
                format(run, "symbol " + i + " of " + count + " at offset " + pos + ": " + e.getMessage());
                return UNKNOWN;
            }
        }
        if (pos != end) {
            format(run, "the symbol table holds " + (end - pos) + " bytes after its " + count + " symbols");
        }
        return new SymbolTable(count, emptyRef);
    }

    private static void format(VerificationRun run, String detail) {
        run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, detail);
    }
}
