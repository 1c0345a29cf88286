package io.promdr.core.tsdb.verify;

import java.io.IOException;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_POSTINGS;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_CRC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_FORMAT;

/**
 * The body of one postings list: {@code #entries u32 · #entries × series ID u32}, IDs ascending, each
 * the ID of a series entry. The first list (key "", "") holds every series; the entries of all the
 * others add up to the label pairs of all series (each series is listed once per label).
 */
final class PostingsCheck implements ListSection.BodyCheck {
    private final VerificationRun run;
    private final FileWindow index;
    private boolean sawAllPostings;
    private long labelPostings;

    PostingsCheck(VerificationRun run, FileWindow index) {
        this.run = run;
        this.index = index;
    }

    @Override
    public void check(long ordinal, CrcSection list, OffsetTable table) throws IOException {
        String what = "postings list " + ordinal + " at offset " + list.start()
                + (table == null ? "" : " (" + table.keyText() + ")");
        if (list.bodyLength() < 4) {
            format(what + " is too short for its count");
            return;
        }
        long entries = index.view().getInt(index.window(list.bodyStart(), 4)) & 0xFFFFFFFFL;
        if (list.bodyLength() != 4 + 4 * entries) {
            format(what + " has " + entries + " entries in " + list.bodyLength() + " bytes");
            return;
        }
        boolean all = table == null ? ordinal == 0 : table.emptyKey();
        if (ordinal == 0 && table != null && !all) {
            format("the first postings offset table entry is " + table.keyText()
                    + ", not the all-postings key (\"\", \"\")");
        }
        checkIds(what, list.bodyStart() + 4, entries);
        if (all) {
            sawAllPostings = true;
            if (run.tally.seriesComplete && entries != run.tally.series) {
                postings(what + " is the all-postings list but holds " + entries + " IDs for " + run.tally.series
                        + " series entries");
            }
        } else {
            labelPostings += entries;
        }
    }

    /** After the walk: an all-postings list exists, and label postings match the series' labels. */
    void finish() {
        // A list that failed its CRC was not looked into: then nothing can be said about the whole.
        boolean listsComplete = run.problems.count(CHECK_INDEX_SECTION_CRC) == 0
                && run.problems.count(CHECK_INDEX_SECTION_FORMAT) == 0;
        if (listsComplete && !sawAllPostings) {
            postings("the index has no all-postings list (\"\", \"\")");
        }
        if (listsComplete && run.tally.chunksComplete && labelPostings != run.tally.labelPairs) {
            postings("the label postings lists hold " + labelPostings + " entries but the series hold "
                    + run.tally.labelPairs + " labels");
        }
    }

    private void checkIds(String what, long start, long entries) throws IOException {
        SeriesIds ids = run.seriesIds;
        long previous = -1;
        long pos = start;
        long end = start + 4 * entries;
        while (pos < end) {
            int part = (int) Math.min(end - pos, FileWindow.DEFAULT_CAPACITY);
            int off = index.window(pos, part);
            for (int i = 0; i < part; i += 4) {
                long id = index.view().getInt(off + i) & 0xFFFFFFFFL;
                if (id <= previous) {
                    postings(what + ": ID " + id + " does not ascend (after " + previous + ")");
                    return;
                }
                if (ids != null && !ids.contains(id)) {
                    postings(what + ": ID " + id + " is not a series (no series entry at offset " + id * 16 + ")");
                    return;
                }
                previous = id;
            }
            pos += part;
        }
    }

    private void format(String detail) {
        run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, detail);
    }

    private void postings(String detail) {
        run.problem(CHECK_INDEX_POSTINGS, CrcSection.FILE, detail);
    }
}
