package io.promdr.backup.prune;

import io.promdr.core.locks.LockTimings;
import io.promdr.core.repo.RepositoryProvider;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

/**
 * The prune job, phase by phase (docs/retention.md, docs/repository-format.md "Deletion"):
 * <ol>
 *   <li>{@link LockRepository lockRepository}: the exclusive lock; stale locks of crashed processes go;</li>
 *   <li>{@link PlanRetention planRetention}: every source's policy applied to its manifests and pins;</li>
 *   <li>{@link DeleteManifests deleteManifests}: the manifests of removed backups are deleted;</li>
 *   <li>{@link SweepObjects sweepObjects}: unreferenced block objects older than the grace period are deleted.</li>
 * </ol>
 * The lock is released by {@link PruneService} whatever happened. The job is not restartable: the
 * next prune recomputes everything and completes an interrupted one.
 */
@Configuration(proxyBeanMethods = false)
public class PruneJobConfiguration {
    public static final String JOB_NAME = "prune";

    @Bean
    public Job pruneJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, PruneRuns pruneRuns) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(step("lockRepository", new LockRepository(), jobRepository, transactionManager, pruneRuns))
                .next(step("planRetention", new PlanRetention(), jobRepository, transactionManager, pruneRuns))
                .next(step("deleteManifests", new DeleteManifests(), jobRepository, transactionManager, pruneRuns))
                .next(step("sweepObjects", new SweepObjects(), jobRepository, transactionManager, pruneRuns))
                .preventRestart()
                .build();
    }

    @Bean
    public PruneService pruneService(JobOperator jobOperator, @Qualifier("pruneJob") Job pruneJob, PruneRuns pruneRuns,
                                     RepositoryProvider repositories) {
        return new PruneService(jobOperator, pruneJob, pruneRuns, repositories, Clock.systemUTC(), LockTimings.DEFAULT);
    }

    @Bean
    PruneRuns pruneRuns() {
        return new PruneRuns();
    }

    private static Step step(String name, PrunePhase phase, JobRepository jobRepository,
                             PlatformTransactionManager transactionManager, PruneRuns runs) {
        return new StepBuilder(name, jobRepository).tasklet(new PhaseTasklet(runs, phase), transactionManager).build();
    }
}
