package io.promdr.backup.prune;

import io.promdr.core.metrics.PruneMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a prune did (or, for a dry run, would do to manifests).
 *
 * @param plans            one per source, with every decision and its reasons
 * @param dryRun           true when nothing was deleted
 * @param manifestsDeleted manifests deleted by this run
 * @param objectsDeleted   block objects the sweep deleted
 * @param bytesDeleted     bytes of those objects
 * @param sweepSkipped     why the sweep did not run (a backup was running, a manifest is unreadable), or null
 * @param duration         how long it took
 */
public record PruneResult(List<SourcePlan> plans, boolean dryRun, int manifestsDeleted, int objectsDeleted,
                          long bytesDeleted, String sweepSkipped, Duration duration) {

    public PruneResult {
        plans = List.copyOf(plans);
    }

    public int backupsKept() {
        return plans.stream().mapToInt(p -> p.plan().kept().size()).sum();
    }

    /** The metrics a successful prune of {@code source} (null: every source) pushes, ending now. */
    public PruneMetrics metrics(String source) {
        return new PruneMetrics(source, Instant.now(), true, duration, manifestsDeleted, backupsKept(), objectsDeleted,
                bytesDeleted);
    }

    public int backupsRemoved() {
        return plans.stream().mapToInt(p -> p.plan().removed().size()).sum();
    }
}
