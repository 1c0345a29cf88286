package io.promdr.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 4: deletes {@code <dataDir>/snapshots/<name>}. Prometheus never deletes snapshots, and
 * their hard links keep compacted-away blocks on its disk, so the snapshot is removed whatever
 * happened: as the last step of a successful run, as a job listener after a failed one, and by a
 * {@link SnapshotRemovalOnShutdown shutdown hook} when the process is stopped while the job runs.
 * A failed removal is only logged (the backup itself may well have succeeded).
 */
final class RemoveSnapshot implements Tasklet, JobExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(RemoveSnapshot.class);
    /** The step, the listener and the shutdown hook may remove concurrently: one at a time, the others see it done. */
    private static final Object REMOVAL_LOCK = new Object();

    /** The shutdown hook of each running job (one bean serves every job execution of the context). */
    private final Map<JobExecution, SnapshotRemovalOnShutdown> hooks = Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        remove(BackupJobContext.of(chunkContext)).ifPresent(dir -> log.info("Removed snapshot directory {}", dir));
        return RepeatStatus.FINISHED;
    }

    /** Before every run: a SIGTERM or SIGINT from here on still removes the snapshot. */
    @Override
    public void beforeJob(JobExecution execution) {
        hooks.put(execution, SnapshotRemovalOnShutdown.register(execution));
    }

    /** After every run, also failed ones: removes the snapshot if the step did not (already gone is fine). */
    @Override
    public void afterJob(JobExecution execution) {
        try {
            remove(new BackupJobContext(execution)).ifPresent(dir -> log.info("Removed snapshot directory {}", dir));
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

    /** Deletes the recorded snapshot unless already done; returns the directory this call removed. */
    static Optional<Path> remove(BackupJobContext context) {
        synchronized (REMOVAL_LOCK) {
            Optional<String> name = context.snapshotName();
            if (name.isEmpty() || context.snapshotRemoved()) {
                return Optional.empty();
            }
            Path dir = TakeSnapshot.snapshotDir(context.parameters().dataDir(), name.get());
            if (!Files.exists(dir)) {
                SnapshotLeases.release(dir);
                log.warn("Snapshot {} is not under {}: Prometheus wrote it elsewhere; delete it on the Prometheus host"
                        + " (its --storage.tsdb.path/snapshots/{})", name.get(), dir.getParent(), name.get());
                return Optional.empty();
            }
            try {
                FileSystemUtils.deleteRecursively(dir);
                SnapshotLeases.release(dir);
                context.snapshotRemoved(true);
                return Optional.of(dir);
            } catch (IOException e) {
                log.warn("Could not remove snapshot directory {} ({}): delete it by hand, Prometheus never does", dir, e.toString());
                return Optional.empty();
            }
        }
    }
}
