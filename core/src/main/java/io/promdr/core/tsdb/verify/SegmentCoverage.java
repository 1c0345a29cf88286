package io.promdr.core.tsdb.verify;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_REF;

/**
 * Checks that the chunk references of the index tile the segments exactly: Prometheus writes the
 * chunks of a block back to back in series order, and the index references them in the same order, so
 * each reference must start where the previous chunk ended, and each segment must end with its last
 * chunk. A gap is data no series reaches; an overlap is two series sharing bytes.
 */
final class SegmentCoverage {
    private final VerificationRun run;
    private final ChunkSegments segments;
    /** False after a series was skipped: resynchronise on the next chunk instead of reporting a gap. */
    private boolean tracking = true;
    private int segment;
    private long next = ChunkSegments.HEADER_SIZE;

    SegmentCoverage(VerificationRun run, ChunkSegments segments) {
        this.run = run;
        this.segments = segments;
    }

    /** The next referenced chunk occupies {@code [offset, end)} of {@code seg}. */
    void chunk(int seg, long offset, long end, long seriesId, long ref) {
        if (tracking) {
            if (seg == segment) {
                if (offset > next) {
                    gap(seg, next, offset, "between two referenced chunks");
                } else if (offset < next) {
                    problem(seg, seriesId, ref, "starts before the end of the previous chunk (" + next
                            + "): chunk references overlap or do not ascend");
                }
            } else if (seg > segment) {
                finishSegment(segment, next);
                for (int s = segment + 1; s < seg; s++) {
                    finishSegment(s, ChunkSegments.HEADER_SIZE);
                }
                if (offset > ChunkSegments.HEADER_SIZE) {
                    gap(seg, ChunkSegments.HEADER_SIZE, offset, "before the first referenced chunk");
                }
            } else {
                problem(seg, seriesId, ref, "comes after references into segment " + segment
                        + ": chunk references do not ascend");
                return;
            }
        }
        tracking = true;
        next = seg == segment ? Math.max(next, end) : end;
        segment = seg;
    }

    void lostTrack() {
        tracking = false;
    }

    /** Reports what no reference covered at the end of the last segment reached and in the segments after it. */
    void finish() {
        if (!tracking || segments.count() == 0) {
            return;
        }
        finishSegment(segment, next);
        for (int s = segment + 1; s < segments.count(); s++) {
            finishSegment(s, ChunkSegments.HEADER_SIZE);
        }
    }

    private void finishSegment(int seg, long end) {
        if (seg < segments.count() && end < segments.size(seg)) {
            gap(seg, end, segments.size(seg), end == ChunkSegments.HEADER_SIZE
                    ? "(no chunk of this segment is referenced)" : "after the last referenced chunk");
        }
    }

    private void problem(int seg, long seriesId, long ref, String detail) {
        run.problem(CHECK_CHUNKS_REF, segments.name(seg), ChunkSegments.where(seriesId, ref) + " " + detail);
    }

    private void gap(int seg, long from, long to, String where) {
        run.problem(CHECK_CHUNKS_REF, segments.name(seg), "bytes [" + from + ", " + to + ") " + where
                + " are not referenced by any series");
    }
}
