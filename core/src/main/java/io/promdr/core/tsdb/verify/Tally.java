package io.promdr.core.tsdb.verify;

/**
 * What the verifier counted in the block, and whether each count is complete: a count is only
 * compared with meta.json when every entry it depends on could be read and passed its CRC.
 */
final class Tally {
    long series;
    long chunks;
    long samples;
    /** Label pairs over all series: must equal the entries of all label postings lists. */
    long labelPairs;
    long tombstones;

    boolean seriesComplete;
    boolean chunksComplete;
    boolean samplesComplete;
    boolean tombstonesComplete;

    /** The index could not be walked to the end: nothing counted from it is complete. */
    void indexIncomplete() {
        seriesComplete = false;
        chunksComplete = false;
        samplesComplete = false;
    }
}
