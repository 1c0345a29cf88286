package io.promdr.backup;

import io.promdr.core.repo.RepositoryProvider;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Phase 0: opens the repository before anything else, so that a repository that is not
 * initialised, a missing bucket or bad credentials fail the backup before Prometheus is asked
 * for a snapshot (which costs it a head compaction and disk space).
 */
final class CheckRepository implements Tasklet {
    private final RepositoryProvider repositories;

    CheckRepository(RepositoryProvider repositories) {
        this.repositories = repositories;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        // Opening is the check: it reads repository.json through the configured store.
        return repositories.withRepository(repository -> RepeatStatus.FINISHED);
    }
}
