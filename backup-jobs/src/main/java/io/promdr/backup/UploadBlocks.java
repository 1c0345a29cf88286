package io.promdr.backup;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.repo.RepositoryProvider;
import io.promdr.core.snapshot.SnapshotBlock;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Phase 2: stores every block of the snapshot in the repository, one content-addressed object per
 * block, reusing what earlier backups or an interrupted run already stored, and records the
 * blocks in the job context for the manifest.
 */
final class UploadBlocks implements Tasklet {
    private final RepositoryProvider repositories;
    private final SnapshotAccesses accesses;

    UploadBlocks(RepositoryProvider repositories, SnapshotAccesses accesses) {
        this.repositories = repositories;
        this.accesses = accesses;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        BackupJobContext context = BackupJobContext.of(chunkContext);
        BackupJobParameters parameters = context.parameters();
        List<SnapshotBlock> snapshotBlocks = accesses.of(parameters).blocks(context.requireSnapshotName());

        return repositories.withRepository(repository -> {
            BlockUploader uploader = new BlockUploader(repository, new BlockArchiver(parameters.zstdLevel()),
                    KnownBlocks.load(repository));
            List<BlockRecord> blocks = new ArrayList<>();
            int uploaded = 0;
            long bytesUploaded = 0;
            for (SnapshotBlock block : snapshotBlocks) {
                BlockUploader.Outcome outcome = uploader.store(block);
                blocks.add(outcome.record());
                if (outcome.uploaded()) {
                    uploaded++;
                    bytesUploaded += outcome.bytesUploaded();
                }
                contribution.incrementWriteCount(1);
            }
            context.uploaded(blocks, uploaded, blocks.size() - uploaded, bytesUploaded);
            return RepeatStatus.FINISHED;
        });
    }
}
