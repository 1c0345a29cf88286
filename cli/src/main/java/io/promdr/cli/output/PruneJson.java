package io.promdr.cli.output;

import io.promdr.backup.prune.PruneResult;
import io.promdr.backup.prune.SourcePlan;
import io.promdr.core.retention.RetentionDecision;

import java.time.Instant;
import java.util.List;

/**
 * {@code promdr prune -o json} (schema in docs/cli.md).
 *
 * @param dryRun           true when nothing was deleted
 * @param sources          one entry per source, with every decision
 * @param backupsRemoved   backups the plan removes (deleted unless dryRun)
 * @param backupsKept      backups kept
 * @param objectsDeleted   block objects swept (0 for a dry run)
 * @param bytesDeleted     bytes of those objects
 * @param sweepSkipped     why the sweep did not run, or null
 */
public record PruneJson(boolean dryRun, List<Source> sources, int backupsRemoved, int backupsKept, int objectsDeleted,
                        long bytesDeleted, String sweepSkipped) {

    public static PruneJson of(PruneResult result) {
        return new PruneJson(result.dryRun(), result.plans().stream().map(Source::of).toList(), result.backupsRemoved(),
                result.backupsKept(), result.objectsDeleted(), result.bytesDeleted(), result.sweepSkipped());
    }

    /** One source's plan. */
    public record Source(String source, String policy, String timeZone, List<Decision> decisions) {
        static Source of(SourcePlan p) {
            return new Source(p.source(), p.plan().policy().toString(), p.plan().zone().getId(),
                    p.plan().decisions().stream().map(Decision::of).toList());
        }
    }

    /** One backup: {@code action} is keep or remove, {@code reasons} why. */
    public record Decision(String backupId, Instant startedAt, boolean pinned, String action, List<String> reasons) {
        static Decision of(RetentionDecision d) {
            return new Decision(d.id(), d.item().time(), d.item().pinned(), d.keep() ? "keep" : "remove", d.reasons());
        }
    }
}
