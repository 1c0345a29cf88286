package io.promdr.restore;

import io.promdr.core.model.BlockRecord;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Phase 2: downloads every planned block into a staging directory on the target's filesystem and
 * verifies it against the manifest. Nothing reaches the target here: a mismatch fails the job
 * with CHECKSUM_MISMATCH and the staging directory is removed. A target file system without room
 * for the block files fails with RESTORE_TARGET_FULL ({@link TargetSpace}), before the first
 * download when the free space already says so.
 */
final class DownloadAndVerify implements Tasklet {
    private final ReadOnlyRepositories repositories;

    DownloadAndVerify(ReadOnlyRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RestoreJobContext context = RestoreJobContext.of(chunkContext);
        RestorePlan plan = context.requirePlan();
        Path target = context.request().target().toAbsolutePath().normalize();
        Path staging;
        try {
            staging = StagingDirectory.create(target);
        } catch (IOException e) {
            throw TargetSpace.isNoSpace(e) ? TargetSpace.full(target, target.getParent(), plan.restoredBytes(), e) : e;
        }
        // Recorded before the first byte lands in it, so that the cleanup listener finds it whatever happens.
        context.stagingDir(staging);
        TargetSpace.requireRoom(target, staging, plan.restoredBytes());

        try {
            return repositories.withRepository(repository -> {
                BlockDownloader downloader = new BlockDownloader(repository.store(), plan.manifest().backupId());
                long bytes = 0;
                for (BlockRecord block : plan.toRestore()) {
                    bytes += downloader.download(block, staging);
                    contribution.incrementWriteCount(1);
                }
                context.downloaded(bytes);
                return RepeatStatus.FINISHED;
            });
        } catch (IOException | RuntimeException e) {
            throw TargetSpace.isNoSpace(e) ? TargetSpace.full(target, staging, plan.restoredBytes(), e) : e;
        }
    }
}
