package io.promdr.restore.drill;

import io.promdr.restore.BlockProblem;

/** The names of the drill's checks and of the problems the drill itself detects (the TSDB verifier names its own). */
public final class DrillChecks {
    /** Check 1: every object's size and SHA-256, every file's SHA-256, against the manifest. */
    public static final String INTEGRITY = "integrity";
    /** Check 2: the TSDB structure, by promdr's block verifier, and meta.json against the manifest. */
    public static final String TSDB = "tsdb";
    /** Check 3: a throwaway Prometheus on the restored blocks answers the manifest's series and sample counts. */
    public static final String QUERY = "query";

    public static final String OBJECT_MISSING = BlockProblem.OBJECT_MISSING;
    public static final String META_MANIFEST = "meta.manifest";
    public static final String TSDB_UNREADABLE = "tsdb.unreadable";
    public static final String PROMETHEUS_START = "prometheus.start";
    public static final String PROMETHEUS_BLOCKS_LOADED = "prometheus.blocks";
    public static final String QUERY_ERROR = "query.error";
    public static final String QUERY_SERIES = "query.series";
    public static final String QUERY_SAMPLES = "query.samples";

    private DrillChecks() {
    }
}
