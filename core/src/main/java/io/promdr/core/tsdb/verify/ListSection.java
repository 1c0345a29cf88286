package io.promdr.core.tsdb.verify;

import java.io.IOException;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_FORMAT;

/**
 * Walks a section of 4-byte aligned {@link CrcSection} lists (the label indices, or the postings lists)
 * in file order, in step with the offset table that points at them: the i-th table entry must point
 * at the i-th list. A list whose CRC failed is not looked into.
 */
final class ListSection {
    private static final int ALIGNMENT = 4;

    /** Checks the body of one list whose CRC matched. */
    interface BodyCheck {
        /**
         * @param index  the list's ordinal in the section
         * @param list   the list
         * @param table  the offset table positioned on the list's entry, or null when the table is unusable
         */
        void check(long index, CrcSection list, OffsetTable table) throws IOException;
    }

    private ListSection() {
    }

    /** Walks {@code [start, end)}; returns whether the walk reached the end. */
    static boolean walk(VerificationRun run, FileWindow index, String what, long start, long end, OffsetTable table,
                        BodyCheck body) throws IOException {
        long pos = start;
        long lists = 0;
        while (true) {
            long aligned = Padding.align(pos, ALIGNMENT);
            if (aligned >= end) {
                Padding.checkZero(run, index, pos, end, what);
                break;
            }
            Padding.checkZero(run, index, pos, aligned, what);
            pos = aligned;
            if (table != null && !step(run, what, table, lists, pos)) {
                table = null;
            }
            CrcSection list = CrcSection.read(run, index, pos, end, what + " " + lists);
            if (list == null) {
                return false;
            }
            if (list.crcOk()) {
                body.check(lists, list, table);
            }
            pos = list.end();
            lists++;
        }
        if (table != null && lists < table.count()) {
            run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, "the offset table lists " + table.count()
                    + " entries but the " + what + " section holds " + lists);
        }
        return true;
    }

    /** Moves the table to the entry of list {@code ordinal}; false (reported) when it does not point there. */
    private static boolean step(VerificationRun run, String what, OffsetTable table, long ordinal, long pos)
            throws IOException {
        if (!table.next()) {
            if (ordinal >= table.count()) {
                run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, "the " + what + " section holds more than"
                        + " the " + table.count() + " entries of its offset table");
            }
            return false;
        }
        if (table.offset() != pos) {
            run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, what + " " + ordinal + " starts at offset " + pos
                    + " but its offset table entry (" + table.keyText() + ") points at " + table.offset());
            return false;
        }
        return true;
    }
}
