package io.promdr.core.tsdb.verify;

import java.io.IOException;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_FORMAT;

/**
 * The body of one label index (legacy, still written by Prometheus 2.x, no longer read by it):
 * {@code #names u32 (= 1) · #entries u32 · #entries × symbol ordinal u32}, the values of one label name
 * in ascending order.
 */
final class LabelIndexCheck implements ListSection.BodyCheck {
    private final VerificationRun run;
    private final FileWindow index;
    private final SymbolTable symbols;

    LabelIndexCheck(VerificationRun run, FileWindow index, SymbolTable symbols) {
        this.run = run;
        this.index = index;
        this.symbols = symbols;
    }

    @Override
    public void check(long ordinal, CrcSection list, OffsetTable table) throws IOException {
        String what = "label index " + ordinal + " at offset " + list.start()
                + (table == null ? "" : " (" + table.keyText() + ")");
        if (list.bodyLength() < 8) {
            problem(what + " is too short for its counts");
            return;
        }
        int off = index.window(list.bodyStart(), 8);
        long names = index.view().getInt(off) & 0xFFFFFFFFL;
        long entries = index.view().getInt(off + 4) & 0xFFFFFFFFL;
        if (names != 1 || list.bodyLength() != 8 + 4 * entries) {
            problem(what + " has " + names + " name(s) and " + entries + " entries in " + list.bodyLength()
                    + " bytes (expected 1 name and 8 + 4 bytes per entry)");
            return;
        }
        long previous = -1;
        long pos = list.bodyStart() + 8;
        long end = pos + 4 * entries;
        while (pos < end) {
            int part = (int) Math.min(end - pos, FileWindow.DEFAULT_CAPACITY);
            off = index.window(pos, part);
            for (int i = 0; i < part; i += 4) {
                long ref = index.view().getInt(off + i) & 0xFFFFFFFFL;
                if (ref <= previous || (symbols.known() && ref >= symbols.count())) {
                    problem(what + ": value " + ((pos - list.bodyStart() - 8 + i) / 4) + " is symbol " + ref
                            + (ref <= previous ? ", not after " + previous
                            : ", beyond the " + symbols.count() + " symbols"));
                    return;
                }
                previous = ref;
            }
            pos += part;
        }
    }

    private void problem(String detail) {
        run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, detail);
    }
}
