package io.promdr.restore.drill;

import io.promdr.core.error.PromdrException;
import io.promdr.core.fs.FileTrees;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.restore.BlockDownloader;
import io.promdr.restore.BlockProblem;
import io.promdr.restore.ReadOnlyRepositories;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase 2 and check 1 ({@value DrillChecks#INTEGRITY}): downloads and extracts every block into the
 * scratch directory with the restore's own {@link BlockDownloader}, which checks the object's size
 * and SHA-256 and every file's against the manifest. Unlike a restore, a bad block does not stop
 * the drill: it is named in the report and left out of the next checks. A repository that cannot
 * be read at all (unreachable, access denied) still fails the job.
 */
final class RestoreToScratch implements Tasklet {
    private final ReadOnlyRepositories repositories;

    RestoreToScratch(ReadOnlyRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        DrillJobContext context = DrillJobContext.of(chunkContext);
        Manifest manifest = context.manifest();
        Path blocksDir = Files.createDirectories(context.blocksDir());
        Instant start = Instant.now();
        List<BlockFailure> failures = new ArrayList<>();
        long[] downloaded = {0};
        List<BlockReport> rows = repositories.withRepository(repository -> {
            BlockDownloader downloader = new BlockDownloader(repository.store(), manifest.backupId());
            List<BlockReport> result = new ArrayList<>();
            for (BlockRecord block : manifest.storedBlocks()) {
                BlockFailure failure = restore(downloader, block, blocksDir, downloaded);
                if (failure != null) {
                    failures.add(failure);
                    FileTrees.deleteQuietly(blocksDir.resolve(block.ulid()));
                }
                result.add(BlockReport.of(block).withIntegrity(failure == null ? CheckStatus.PASSED : CheckStatus.FAILED));
                contribution.incrementWriteCount(1);
            }
            return result;
        });
        Duration took = Duration.between(start, Instant.now());
        context.blocks(rows);
        context.downloaded(downloaded[0]);
        int failed = failures.size();
        int passed = rows.size() - failed;
        String summary = failed == 0
                ? passed + " objects and their " + manifest.storedBlocks().stream().mapToInt(b -> b.files().size()).sum()
                + " files match the manifest's sizes and SHA-256"
                : failed + " of " + rows.size() + " blocks do not match the manifest";
        context.check(new CheckResult(DrillChecks.INTEGRITY, failed == 0 ? CheckStatus.PASSED : CheckStatus.FAILED,
                passed, failed, 0, took.toMillis() / 1000.0, summary, failures), took);
        return RepeatStatus.FINISHED;
    }

    /** Restores one block; returns what was wrong with it, or null when it matches the manifest. */
    private static BlockFailure restore(BlockDownloader downloader, BlockRecord block, Path blocksDir, long[] downloaded)
            throws IOException {
        try {
            downloaded[0] += downloader.download(block, blocksDir);
            return null;
        } catch (IOException | PromdrException e) {
            // A repository that fails as a whole (unreachable, access denied) is rethrown: no drill result can be trusted.
            BlockProblem problem = BlockProblem.of(block, e);
            return new BlockFailure(DrillChecks.INTEGRITY, block.ulid(), problem.problem(), problem.file(), problem.detail());
        }
    }
}
