package io.promdr.backup.prune;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Phase 1: takes the repository's exclusive lock (another running prune makes this one fail with
 * REPOSITORY_LOCKED) and removes the locks that crashed processes left behind.
 */
public final class LockRepository implements PrunePhase {
    private static final Logger log = LoggerFactory.getLogger(LockRepository.class);

    @Override
    public void apply(PruneRun run) throws IOException {
        String scope = run.request().source() == null ? "all sources" : "source " + run.request().source();
        run.locked(run.locks().acquireExclusive("prune of " + scope));
        int stale = run.locks().removeStale();
        if (stale > 0) {
            log.info("removed {} stale lock(s)", stale);
        }
    }
}
