package io.promdr.backup;

import io.promdr.core.snapshot.LocalSnapshotAccess;
import io.promdr.core.snapshot.SnapshotAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 4: deletes {@code <dataDir>/snapshots/<name>} through the run's snapshot access (local or exec). Prometheus never deletes snapshots, and
 * their hard links keep compacted-away blocks on its disk, so the snapshot is removed whatever
 * happened: as the last step of a successful run, as a job listener after a failed one, and by a
 * {@link SnapshotRemovalOnShutdown shutdown hook} when the process is stopped while the job runs.
 * A failed removal is only logged (the backup itself may well have succeeded).
 */
final class RemoveSnapshot implements Tasklet, JobExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(RemoveSnapshot.class);
    /** The step, the listener and the shutdown hook may remove concurrently: one at a time, the others see it done. */
    private static final Object REMOVAL_LOCK = new Object();

    private final SnapshotAccesses accesses;

    /** The shutdown hook of each running job (one bean serves every job execution of the context). */
    private final Map<JobExecution, SnapshotRemovalOnShutdown> hooks = Collections.synchronizedMap(new IdentityHashMap<>());

    RemoveSnapshot(SnapshotAccesses accesses) {
        this.accesses = accesses;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        remove(BackupJobContext.of(chunkContext)).ifPresent(where -> log.info("Removed snapshot {}", where));
        return RepeatStatus.FINISHED;
    }

    /** Before every run: a SIGTERM or SIGINT from here on still removes the snapshot. */
    @Override
    public void beforeJob(JobExecution execution) {
        hooks.put(execution, SnapshotRemovalOnShutdown.register(execution,
                accesses.of(new BackupJobContext(execution).parameters())));
    }

    /** After every run, also failed ones: removes the snapshot if the step did not (already gone is fine). */
    @Override
    public void afterJob(JobExecution execution) {
        try {
            remove(new BackupJobContext(execution)).ifPresent(where -> log.info("Removed snapshot {}", where));
        } catch (RuntimeException e) {
            log.warn("Could not remove the snapshot of job execution {}: {}", execution.getId(), e.toString());
        } finally {
            // Only now: a stop during the removal above is still covered by the hook.
            SnapshotRemovalOnShutdown hook = hooks.remove(execution);
            if (hook != null) {
                hook.deregister();
            }
        }
    }

    /** Deletes the recorded snapshot unless already done; returns where the snapshot this call removed was. */
    Optional<String> remove(BackupJobContext context) {
        return remove(context, accesses.of(context.parameters()));
    }

    /** Deletes the recorded snapshot through {@code access} unless already done; returns where it was. */
    static Optional<String> remove(BackupJobContext context, SnapshotAccess access) {
        synchronized (REMOVAL_LOCK) {
            Optional<String> name = context.snapshotName();
            if (name.isEmpty() || context.snapshotRemoved()) {
                return Optional.empty();
            }
            String where = access.describe(name.get());
            // A local snapshot carries a lease file (SnapshotLeases); it goes with the snapshot.
            Path localDir = access instanceof LocalSnapshotAccess
                    ? TakeSnapshot.snapshotDir(context.parameters().dataDir(), name.get()) : null;
            try {
                if (!access.remove(name.get())) {
                    if (localDir != null) {
                        SnapshotLeases.release(localDir);
                    }
                    log.warn("Snapshot {} is not at {}: Prometheus wrote it elsewhere; delete it on the Prometheus host"
                            + " (its --storage.tsdb.path/snapshots/{})", name.get(), where, name.get());
                    return Optional.empty();
                }
                if (localDir != null) {
                    SnapshotLeases.release(localDir);
                }
                context.snapshotRemoved(true);
                return Optional.of(where);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not remove snapshot {} ({}): delete it by hand, Prometheus never does", where, e.toString());
                return Optional.empty();
            }
        }
    }
}
