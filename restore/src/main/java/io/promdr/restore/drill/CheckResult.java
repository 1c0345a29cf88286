package io.promdr.restore.drill;

import java.util.List;

/**
 * The result of one drill check over the blocks of the backup.
 *
 * @param name           {@value DrillChecks#INTEGRITY}, {@value DrillChecks#TSDB} or {@value DrillChecks#QUERY}
 * @param status         failed when any block failed (or the check could not run), skipped when no block reached it
 * @param blocksPassed   blocks that passed this check
 * @param blocksFailed   blocks that failed it
 * @param blocksSkipped  blocks not checked because an earlier check failed for them
 * @param seconds        how long the check took
 * @param summary        one line for people
 * @param failures       what failed, block by block
 */
public record CheckResult(String name, CheckStatus status, int blocksPassed, int blocksFailed, int blocksSkipped,
                          double seconds, String summary, List<BlockFailure> failures) {
    public CheckResult {
        failures = List.copyOf(failures);
    }
}
