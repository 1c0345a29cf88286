package io.promdr.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The {@code stats} of a block's meta.json, copied into the manifest at backup time. */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record BlockStats(long numSamples, long numSeries, long numChunks, long numTombstones) {
}
