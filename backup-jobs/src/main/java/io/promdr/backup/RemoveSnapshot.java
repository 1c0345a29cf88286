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
import java.util.Optional;

/**
 * Phase 4: deletes {@code <dataDir>/snapshots/<name>}. Prometheus never deletes snapshots, and
 * their hard links keep compacted-away blocks on its disk, so the snapshot is removed whatever
 * happened: as the last step of a successful run, and as a job listener after a failed one.
 * A failed removal is only logged (the backup itself may well have succeeded).
 */
final class RemoveSnapshot implements Tasklet, JobExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(RemoveSnapshot.class);

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        remove(BackupJobContext.of(chunkContext));
        return RepeatStatus.FINISHED;
    }

    /** After every run, also failed ones: removes the snapshot if the step did not (already gone is fine). */
    @Override
    public void afterJob(JobExecution execution) {
        try {
            remove(new BackupJobContext(execution));
        } catch (RuntimeException e) {
            log.warn("Could not remove the snapshot of job execution {}: {}", execution.getId(), e.toString());
        }
    }

    private static void remove(BackupJobContext context) {
        Optional<String> name = context.snapshotName();
        if (name.isEmpty()) {
            return;
        }
        Path dir = TakeSnapshot.snapshotDir(context.parameters().dataDir(), name.get());
        if (context.snapshotRemoved()) {
            return;
        }
        if (!Files.exists(dir)) {
            log.warn("Snapshot {} is not under {}: Prometheus wrote it elsewhere; delete it on the Prometheus host"
                    + " (its --storage.tsdb.path/snapshots/{})", name.get(), dir.getParent(), name.get());
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(dir);
            context.snapshotRemoved(true);
            log.info("Removed snapshot directory {}", dir);
        } catch (IOException e) {
            log.warn("Could not remove snapshot directory {} ({}): delete it by hand, Prometheus never does", dir, e.toString());
        }
    }
}
