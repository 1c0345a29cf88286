package io.promdr.restore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Phase 1: resolves the backup, selects its blocks and checks the target; changes nothing. */
final class PlanRestore implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(PlanRestore.class);

    private final ReadOnlyRepositories repositories;

    PlanRestore(ReadOnlyRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RestoreJobContext context = RestoreJobContext.of(chunkContext);
        RestorePlan plan = repositories.withRepository(repository -> RestorePlanner.plan(repository, context.request()));
        context.plan(plan);
        log.info("Restore of backup {}: {} blocks to restore ({} to replace), {} already present, {} outside the window",
                plan.manifest().backupId(), plan.toRestore().size(), plan.toReplace().size(),
                plan.alreadyPresent().size(), plan.outsideWindow().size());
        return RepeatStatus.FINISHED;
    }
}
