package io.promdr.backup.prune;

import io.promdr.core.locks.Lease;
import io.promdr.core.locks.LockTimings;
import io.promdr.core.locks.RepositoryLocks;
import io.promdr.core.repo.Repository;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one prune as it goes through its phases: the open repository, the exclusive lock,
 * the plans and the counts. Lives in memory only: a prune is not restartable, the next prune
 * recomputes everything from the repository (docs/repository-format.md, "Deletion").
 */
public final class PruneRun {
    private final PruneRequest request;
    private final Repository repository;
    private final Clock clock;
    private final RepositoryLocks locks;
    private Lease lease;
    private final List<SourcePlan> plans = new ArrayList<>();
    private int manifestsDeleted;
    private int objectsDeleted;
    private long bytesDeleted;
    private String sweepSkipped;

    public PruneRun(PruneRequest request, Repository repository, Clock clock, LockTimings timings) {
        this.request = request;
        this.repository = repository;
        this.clock = clock;
        this.locks = new RepositoryLocks(repository.store(), clock, timings);
    }

    public PruneRequest request() {
        return request;
    }

    public Repository repository() {
        return repository;
    }

    public Clock clock() {
        return clock;
    }

    public RepositoryLocks locks() {
        return locks;
    }

    public Lease lease() {
        if (lease == null) {
            throw new IllegalStateException("the prune holds no lock");
        }
        return lease;
    }

    public boolean holdsLock() {
        return lease != null;
    }

    void locked(Lease lease) {
        this.lease = lease;
    }

    /** Releases the exclusive lock if held (idempotent). */
    public void release() throws IOException {
        if (lease != null) {
            Lease held = lease;
            lease = null;
            held.close();
        }
    }

    public List<SourcePlan> plans() {
        return plans;
    }

    void manifestDeleted() {
        manifestsDeleted++;
    }

    void objectDeleted(long size) {
        objectsDeleted++;
        bytesDeleted += size;
    }

    void sweepSkipped(String why) {
        sweepSkipped = why;
    }

    public int manifestsDeleted() {
        return manifestsDeleted;
    }

    public int objectsDeleted() {
        return objectsDeleted;
    }

    public long bytesDeleted() {
        return bytesDeleted;
    }

    public String sweepSkippedReason() {
        return sweepSkipped;
    }
}
