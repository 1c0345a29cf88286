package io.promdr.backup.prune;

import io.promdr.core.locks.RepositoryLocks;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.ObjectInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Phase 4: deletes the block objects that no manifest of any source references and that are
 * older than the grace period. It does not run while a backup holds a shared lock (that backup
 * may be about to reference an unreferenced object), nor while any manifest is unreadable (its
 * references are unknown). Interrupting it leaves only fewer unreferenced objects.
 */
public final class SweepObjects implements PrunePhase {
    private static final Logger log = LoggerFactory.getLogger(SweepObjects.class);

    @Override
    public void apply(PruneRun run) throws IOException {
        List<RepositoryLocks.HeldLock> backups = run.locks().liveShared(run.lease());
        if (!backups.isEmpty()) {
            skip(run, "a backup is running (" + backups.get(0).record().describe() + "); the next prune sweeps");
            return;
        }
        List<String> unreadable = new ArrayList<>();
        // All sources: sources share block objects.
        List<Manifest> manifests = run.repository().listManifests(null, (PromdrException e) -> unreadable.add(e.userMessage()));
        if (!unreadable.isEmpty()) {
            skip(run, "unreadable manifest, its blocks stay: " + unreadable.get(0));
            return;
        }
        Set<String> referenced = new HashSet<>();
        for (Manifest m : manifests) {
            for (BlockRecord block : m.storedBlocks()) {
                referenced.add(block.object().key());
            }
        }
        Instant cutoff = run.clock().instant().minus(run.request().rules().gracePeriod());
        for (ObjectInfo info : run.repository().store().list(RepositoryLayout.BLOCKS)) {
            if (!RepositoryLayout.isBlockObjectKey(info.key()) || referenced.contains(info.key())
                    || info.lastModified() == null || !info.lastModified().isBefore(cutoff)) {
                continue;
            }
            run.lease().requireHeld("deleting " + info.key());
            run.repository().store().delete(info.key());
            run.objectDeleted(info.size());
            log.debug("swept {}", info.key());
        }
        log.info("sweep deleted {} object(s), {} bytes", run.objectsDeleted(), run.bytesDeleted());
    }

    private static void skip(PruneRun run, String why) {
        log.info("sweep skipped: {}", why);
        run.sweepSkipped(why);
    }
}
