package io.promdr.backup.prune;

import io.promdr.core.retention.RetentionDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Phase 3: deletes the manifest of every backup the plan removes. Deleting a manifest is atomic
 * and only ever makes block objects unreferenced, never missing, so an interruption here leaves a
 * consistent repository; the next prune recomputes the same decisions (a plan is unchanged when
 * the backups it removes are gone) and finishes the job.
 */
public final class DeleteManifests implements PrunePhase {
    private static final Logger log = LoggerFactory.getLogger(DeleteManifests.class);

    @Override
    public void apply(PruneRun run) throws IOException {
        for (SourcePlan sourcePlan : run.plans()) {
            for (RetentionDecision decision : sourcePlan.plan().removed()) {
                String key = sourcePlan.manifestKeys().get(decision.id());
                run.lease().requireHeld("deleting " + key);
                run.repository().store().delete(key);
                run.manifestDeleted();
                log.info("deleted backup {} of source {} ({})", decision.id(), sourcePlan.source(),
                        String.join(", ", decision.reasons()));
            }
        }
    }
}
