package io.promdr.cli.config;

/**
 * {@code drill:} how restore drills run.
 *
 * @param scratchDir       where a drill restores to (a directory of its own is created under it and always removed)
 * @param prometheusBinary the Prometheus of the query check: a path, or a name looked up on the PATH
 * @param readyTimeout     how long that Prometheus may take to load the restored blocks, e.g. 5m
 * @param queryTimeout     the longest one PromQL query of the check may take, e.g. 2m
 */
public record DrillConfig(String scratchDir, String prometheusBinary, String readyTimeout, String queryTimeout) {

    static DrillConfig merge(DrillConfig lower, DrillConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new DrillConfig(Layers.pick(lower.scratchDir, higher.scratchDir),
                Layers.pick(lower.prometheusBinary, higher.prometheusBinary),
                Layers.pick(lower.readyTimeout, higher.readyTimeout), Layers.pick(lower.queryTimeout, higher.queryTimeout));
    }
}
