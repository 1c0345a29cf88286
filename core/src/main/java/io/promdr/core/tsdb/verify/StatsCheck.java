package io.promdr.core.tsdb.verify;

import io.promdr.core.model.BlockStats;
import io.promdr.core.tsdb.BlockMeta;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_META_STATS;

/**
 * Compares the stats of meta.json with what the verifier counted, for each count it could complete
 * (a count that depends on an unreadable entry is not compared: that entry has its own problem).
 */
final class StatsCheck {
    private StatsCheck() {
    }

    static void check(VerificationRun run) {
        BlockMeta meta = run.meta;
        if (meta == null) {
            return;
        }
        run.problems.ran(CHECK_META_STATS);
        BlockStats stats = meta.stats();
        Tally tally = run.tally;
        compare(run, "numSeries", stats.numSeries(), tally.seriesComplete, tally.series, "series entries in the index");
        compare(run, "numChunks", stats.numChunks(), tally.chunksComplete, tally.chunks,
                "chunk references in the index");
        compare(run, "numSamples", stats.numSamples(), tally.samplesComplete, tally.samples, "samples in the chunks");
        compare(run, "numTombstones", stats.numTombstones(), tally.tombstonesComplete, tally.tombstones,
                "intervals in the tombstones file");
    }

    private static void compare(VerificationRun run, String field, long stated, boolean counted, long found,
                                String what) {
        if (counted && stated != found) {
            run.problem(CHECK_META_STATS, BlockMeta.FILE_NAME, "stats." + field + " is " + stated
                    + " but the block holds " + found + " " + what);
        }
    }
}
