package io.promdr.restore.drill;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One restore drill to run.
 *
 * @param backup           full backup id, unique prefix, or "latest"
 * @param source           restrict "latest" and prefixes to one source, or null for all
 * @param scratchParent    directory under which the drill creates (and always removes) its scratch directory
 * @param prometheusBinary the Prometheus of the query check, or null to find {@code prometheus} on the PATH
 * @param readyTimeout     how long the throwaway Prometheus may take to load the blocks
 * @param queryTimeout     the longest one query may take
 */
public record DrillRequest(String backup, String source, Path scratchParent, Path prometheusBinary, Duration readyTimeout,
                           Duration queryTimeout) {
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMinutes(2);
}
