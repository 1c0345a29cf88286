package io.promdr.restore;

import io.promdr.core.model.BlockRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Phase 3, reached only when every block verified: moves the blocks into the target, one atomic
 * rename per block, then removes the staging directory. On failure the moves done so far are
 * undone (see {@link BlockActivation#rollBack()}), so the target is left as it was.
 */
final class Activate implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(Activate.class);

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RestoreJobContext context = RestoreJobContext.of(chunkContext);
        RestorePlan plan = context.requirePlan();
        Path target = context.request().target().toAbsolutePath().normalize();
        Path staging = context.requireStagingDir();
        Set<String> replace = plan.toReplace().stream().map(BlockRecord::ulid).collect(Collectors.toSet());

        BlockActivation activation = new BlockActivation(target, staging);
        try {
            activation.prepareTarget();
            for (BlockRecord block : plan.toRestore()) {
                activation.activate(block.ulid(), replace.contains(block.ulid()));
                contribution.incrementWriteCount(1);
            }
        } catch (Exception e) {
            if (!activation.rollBack()) {
                context.keepStaging();
            }
            throw e;
        }
        context.restored(plan.toRestore().size());
        // Holds only the replaced old blocks now, if any.
        FileSystemUtils.deleteRecursively(staging);
        log.info("Restored {} blocks of backup {} into {}", plan.toRestore().size(), plan.manifest().backupId(), target);
        return RepeatStatus.FINISHED;
    }
}
