package io.promdr.backup;

import io.promdr.core.locks.Lease;
import io.promdr.core.model.BackupId;
import io.promdr.core.locks.LockTimings;
import io.promdr.core.locks.RepositoryLocks;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryProvider;
import io.promdr.core.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phase 1 and its cleanup: the backup's shared repository lock (docs/repository-format.md,
 * "Locks"). Taken before the snapshot, so a running prune finishes its sweep before this backup
 * looks at which block objects exist, and so that no prune sweeps while the backup runs; checked
 * by {@link CommitManifest} right before the commit; released after the job whatever happened.
 */
final class BackupLocks implements Tasklet, JobExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(BackupLocks.class);

    private final RepositoryProvider repositories;
    private final Clock clock;
    private final LockTimings timings;
    /** Held leases by backup id, each with the store it writes through (kept open for the heartbeat). */
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    BackupLocks(RepositoryProvider repositories, Clock clock, LockTimings timings) {
        this.repositories = repositories;
        this.clock = clock;
        this.timings = timings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        BackupJobParameters parameters = BackupJobContext.of(chunkContext).parameters();
        Repository repository = repositories.open();
        try {
            Lease lease = new RepositoryLocks(repository.store(), clock, timings)
                    .acquireShared("backup " + parameters.backupId() + " of source " + parameters.source());
            // SIGTERM/SIGINT during the backup: release the lock on the way out, so that prunes do not
            // skip their sweep until it goes stale. (A SIGKILL leaves it; it goes stale in 30 minutes.)
            Thread hook = new Thread(() -> closeQuietly(lease), "promdr-release-lock");
            Runtime.getRuntime().addShutdownHook(hook);
            held.put(parameters.backupId().value(), new Held(lease, repository.store(), hook));
        } catch (IOException | RuntimeException e) {
            repository.store().close();
            throw e;
        }
        return RepeatStatus.FINISHED;
    }

    /** Fails with LOCK_LOST when the backup's lock may have looked stale to a prune. */
    void requireHeld(BackupId backupId, String action) {
        Held lock = held.get(backupId.value());
        if (lock == null) {
            throw new IllegalStateException("backup " + backupId + " holds no repository lock");
        }
        lock.lease().requireHeld(action);
    }

    @Override
    public void afterJob(JobExecution execution) {
        String backupId = execution.getJobParameters().getString("backupId");
        Held lock = backupId == null ? null : held.remove(backupId);
        if (lock == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(lock.hook());
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it releases the lock
        }
        try (ObjectStore ignored = lock.store()) {
            lock.lease().close();
        } catch (IOException | RuntimeException e) {
            log.warn("could not release lock {} ({}); it is ignored once stale", lock.lease().key(), e.toString());
        }
    }

    private static void closeQuietly(Lease lease) {
        try {
            lease.close();
        } catch (IOException | RuntimeException e) {
            // the JVM is exiting; the lock goes stale by itself
        }
    }

    private record Held(Lease lease, ObjectStore store, Thread hook) {
    }
}
