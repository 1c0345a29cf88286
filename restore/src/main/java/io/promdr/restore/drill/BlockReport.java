package io.promdr.restore.drill;

import io.promdr.core.model.BlockRecord;

/**
 * One block of the drilled backup: what the manifest says, what each check found.
 *
 * @param ulid             block ULID
 * @param minTime          inclusive, ms since the epoch
 * @param maxTime          exclusive, ms since the epoch
 * @param objectBytes      size of its stored object
 * @param filesBytes       bytes of its files once restored
 * @param series           numSeries of meta.json (manifest)
 * @param samples          numSamples of meta.json (manifest)
 * @param integrity        check 1 for this block
 * @param tsdb             check 2 for this block
 * @param query            check 3 for this block
 * @param verifiedSeries   series the TSDB verifier read from the index, or null when it did not run
 * @param verifiedChunks   chunks the TSDB verifier read, or null
 * @param verifiedSamples  samples the TSDB verifier counted in the chunks, or null
 * @param staleMarkers     stale markers in the chunks (counted in samples, never returned by PromQL), or null
 * @param querySeries      series Prometheus returned over the block's range, or null
 * @param querySamples     samples Prometheus counted over the block's range, or null
 */
public record BlockReport(String ulid, long minTime, long maxTime, long objectBytes, long filesBytes, long series,
                          long samples, CheckStatus integrity, CheckStatus tsdb, CheckStatus query, Long verifiedSeries,
                          Long verifiedChunks, Long verifiedSamples, Long staleMarkers, Long querySeries, Long querySamples) {

    static BlockReport of(BlockRecord block) {
        long series = block.stats() == null ? 0 : block.stats().numSeries();
        long samples = block.stats() == null ? 0 : block.stats().numSamples();
        return new BlockReport(block.ulid(), block.minTime(), block.maxTime(), block.object().size(), block.filesSize(),
                series, samples, CheckStatus.SKIPPED, CheckStatus.SKIPPED, CheckStatus.SKIPPED, null, null, null, null, null, null);
    }

    BlockReport withIntegrity(CheckStatus status) {
        return new BlockReport(ulid, minTime, maxTime, objectBytes, filesBytes, series, samples, status, tsdb, query,
                verifiedSeries, verifiedChunks, verifiedSamples, staleMarkers, querySeries, querySamples);
    }

    BlockReport withTsdb(CheckStatus status, Long series, Long chunks, Long samples) {
        return new BlockReport(ulid, minTime, maxTime, objectBytes, filesBytes, this.series, this.samples, integrity, status,
                query, series, chunks, samples, staleMarkers, querySeries, querySamples);
    }

    BlockReport withQuery(CheckStatus status, Long staleMarkers, Long series, Long samples) {
        return new BlockReport(ulid, minTime, maxTime, objectBytes, filesBytes, this.series, this.samples, integrity, tsdb,
                status, verifiedSeries, verifiedChunks, verifiedSamples, staleMarkers, series, samples);
    }
}
