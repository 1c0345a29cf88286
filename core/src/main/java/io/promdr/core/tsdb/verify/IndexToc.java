package io.promdr.core.tsdb.verify;

/**
 * The index table of contents: the start of each section, in TOC field order (which is not file
 * order: the label-offset table lies after the postings). {@code tocStart} is where the TOC itself
 * begins (file size - 52).
 */
record IndexToc(long symbols, long series, long labelIndices, long labelIndicesTable, long postings,
                long postingsTable, long tocStart) {
    static final int SIZE = 6 * 8 + 4;
    /** Smallest possible `len · count · CRC` table. */
    private static final int MIN_TABLE = 12;

    /**
     * Prometheus 2.x writes a label-offset table; newer versions leave it out (offset 0, or equal to the
     * postings table's).
     */
    boolean hasLabelOffsetTable() {
        return labelIndicesTable != 0 && labelIndicesTable < postingsTable;
    }

    /** Where the postings lists end: at the label-offset table, or at the postings-offset table when there is none. */
    long postingsEnd() {
        return hasLabelOffsetTable() ? labelIndicesTable : postingsTable;
    }

    /** Why the offsets are not in file order inside the file, or null when they are. */
    String orderProblem(int headerSize) {
        long[] starts = hasLabelOffsetTable()
                ? new long[] {headerSize, symbols, series, labelIndices, postings, labelIndicesTable, postingsTable}
                : new long[] {headerSize, symbols, series, labelIndices, postings, postingsTable};
        for (int i = 1; i < starts.length; i++) {
            if (starts[i] < starts[i - 1]) {
                return "section offsets are not in file order: " + this;
            }
        }
        if (postingsTable + MIN_TABLE > tocStart || symbols + MIN_TABLE > series) {
            return "section offsets leave no room for the symbol or postings offset table: " + this;
        }
        return null;
    }

    @Override
    public String toString() {
        return "symbols=" + symbols + " series=" + series + " labelIndices=" + labelIndices + " labelIndicesTable="
                + labelIndicesTable + " postings=" + postings + " postingsTable=" + postingsTable + " toc=" + tocStart;
    }
}
