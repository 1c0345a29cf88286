package io.promdr.backup;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.RepositoryProvider;
import io.promdr.core.snapshot.SnapshotBlock;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Phase 2: stores every block of the snapshot in the repository, one content-addressed object per
 * block, reusing what earlier backups or an interrupted run already stored, and records the
 * blocks in the job context for the manifest. A block Prometheus compacted from blocks already
 * stored is recorded as composed of them instead of uploaded ({@link BlockComposition}).
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
            List<Manifest> manifests = KnownBlocks.readableManifests(repository);
            KnownBlocks known = KnownBlocks.of(manifests);
            BlockUploader uploader = new BlockUploader(repository, new BlockArchiver(parameters.zstdLevel()), known);
            ComposableBlocks composable = ComposableBlocks.of(manifests, parameters.source());
            List<BlockRecord> blocks = new ArrayList<>();
            int uploaded = 0;
            long bytesUploaded = 0;
            for (SnapshotBlock block : snapshotBlocks) {
                // A compacted block already stored as its own object is reused as such by the uploader.
                Optional<BlockRecord> composed = known.storesUlid(block.ulid())
                        ? Optional.empty() : composable.compose(block, repository);
                if (composed.isPresent()) {
                    blocks.add(composed.get());
                    contribution.incrementWriteCount(1);
                    continue;
                }
                BlockUploader.Outcome outcome = uploader.store(block);
                // Recorded so that a later, larger compaction can be composed of this block.
                blocks.add(outcome.record().withSources(block.meta().sources()));
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
