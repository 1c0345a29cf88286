package io.promdr.core.tsdb.verify;

/**
 * The set of series IDs (index offset / 16) found by the series walk, as a bit set over the series
 * section: one bit per 16 bytes of it (a 300 MB series section takes 2.3 MB). Postings lists and
 * tombstones are checked against it. Sections above {@link #MAX_BITS} bits get no set (and those
 * membership checks are skipped) so memory stays bounded.
 */
final class SeriesIds {
    static final long MAX_BITS = 1L << 28;

    private final long firstId;
    private final long limitId;
    private final long[] bits;
    private long count;

    private SeriesIds(long firstId, long limitId) {
        this.firstId = firstId;
        this.limitId = limitId;
        this.bits = new long[(int) ((limitId - firstId + 63) >>> 6)];
    }

    /** A set for the series section {@code [start, end)} of the index, or null when it would be too large. */
    static SeriesIds forSection(long start, long end) {
        long firstId = start / 16;
        long limitId = (end + 15) / 16;
        return limitId - firstId > MAX_BITS ? null : new SeriesIds(firstId, Math.max(firstId, limitId));
    }

    void add(long id) {
        if (id >= firstId && id < limitId) {
            long i = id - firstId;
            long word = bits[(int) (i >>> 6)];
            long mask = 1L << i;
            if ((word & mask) == 0) {
                bits[(int) (i >>> 6)] = word | mask;
                count++;
            }
        }
    }

    boolean contains(long id) {
        if (id < firstId || id >= limitId) {
            return false;
        }
        long i = id - firstId;
        return (bits[(int) (i >>> 6)] & (1L << i)) != 0;
    }

    long count() {
        return count;
    }
}
