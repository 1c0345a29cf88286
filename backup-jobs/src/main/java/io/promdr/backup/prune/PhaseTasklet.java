package io.promdr.backup.prune;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Runs one {@link PrunePhase} as a step of the prune job, on the run named by the job parameter {@code run}. */
final class PhaseTasklet implements Tasklet {
    static final String RUN_PARAMETER = "run";

    private final PruneRuns runs;
    private final PrunePhase phase;

    PhaseTasklet(PruneRuns runs, PrunePhase phase) {
        this.runs = runs;
        this.phase = phase;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        String runId = chunkContext.getStepContext().getStepExecution().getJobParameters().getString(RUN_PARAMETER);
        phase.apply(runs.lookup(runId));
        return RepeatStatus.FINISHED;
    }
}
