package io.promdr.backup.prune;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prunes running in this process, by run id. The job's steps find their run here: its open
 * repository and lock cannot be job parameters (those are persisted, and a prune is not
 * restartable anyway).
 */
final class PruneRuns {
    private final Map<String, PruneRun> byId = new ConcurrentHashMap<>();

    void register(String runId, PruneRun run) {
        byId.put(runId, run);
    }

    void forget(String runId) {
        byId.remove(runId);
    }

    PruneRun lookup(String runId) {
        PruneRun run = byId.get(runId);
        if (run == null) {
            throw new IllegalStateException("prune run " + runId + " is not running in this process");
        }
        return run;
    }
}
