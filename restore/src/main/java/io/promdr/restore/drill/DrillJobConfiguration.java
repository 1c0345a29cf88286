package io.promdr.restore.drill;

import io.promdr.core.repo.RepositoryProvider;
import io.promdr.restore.ReadOnlyRepositories;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The restore drill job, phase by phase:
 * <ol>
 *   <li>{@link PlanDrill plan}: Prometheus binary, backup, scratch directory (fails before any download);</li>
 *   <li>{@link RestoreToScratch restoreToScratch}: every block into scratch, check 1 (integrity) on the way;</li>
 *   <li>{@link VerifyTsdb verifyTsdb}: check 2, the TSDB structure of every block that passed check 1;</li>
 *   <li>{@link QueryCheck queryCheck}: check 3, a throwaway Prometheus on the blocks that passed check 2;</li>
 *   <li>{@link ReportDrill report}: verdict, RTO, RPO, per-check and per-block results.</li>
 * </ol>
 * {@link ScratchCleanup} removes the scratch directory after every run, and on SIGTERM. The
 * repository is opened read-only. Needs a {@link JobRepository}, a {@link PlatformTransactionManager},
 * a {@link JobOperator} and a {@link RepositoryProvider} bean in the context.
 */
@Configuration(proxyBeanMethods = false)
public class DrillJobConfiguration {
    public static final String JOB_NAME = "drill";

    @Bean
    public Job drillJob(JobRepository jobRepository, RepositoryProvider repositories,
                        PlatformTransactionManager transactionManager) {
        ReadOnlyRepositories readOnly = new ReadOnlyRepositories(repositories);
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(step("plan", new PlanDrill(readOnly, System.getenv("PATH")), jobRepository, transactionManager))
                .next(step("restoreToScratch", new RestoreToScratch(readOnly), jobRepository, transactionManager))
                .next(step("verifyTsdb", new VerifyTsdb(), jobRepository, transactionManager))
                .next(step("queryCheck", new QueryCheck(), jobRepository, transactionManager))
                .next(step("report", new ReportDrill(), jobRepository, transactionManager))
                .listener(new ScratchCleanup())
                // A drill is a measurement: a rerun starts from the beginning, in a new scratch directory.
                .preventRestart()
                .build();
    }

    @Bean
    public DrillService drillService(JobOperator jobOperator, @Qualifier("drillJob") Job drillJob) {
        return new DrillService(jobOperator, drillJob);
    }

    private static Step step(String name, Tasklet tasklet, JobRepository jobRepository,
                             PlatformTransactionManager transactionManager) {
        return new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager).build();
    }
}
