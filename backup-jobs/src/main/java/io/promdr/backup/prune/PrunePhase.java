package io.promdr.backup.prune;

import java.io.IOException;

/** One named phase of the prune job, applied to the run's state. Each phase is safe to interrupt anywhere. */
public interface PrunePhase {

    void apply(PruneRun run) throws IOException;
}
