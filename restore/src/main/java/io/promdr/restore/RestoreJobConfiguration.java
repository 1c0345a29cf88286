package io.promdr.restore;

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

/**
 * The restore job, phase by phase:
 * <ol>
 *   <li>{@link LeftoverStaging removeLeftoverStaging}: staging directories of killed restores into the same target;</li>
 *   <li>{@link PlanRestore plan}: resolve the backup, select blocks, check the target (changes nothing);</li>
 *   <li>{@link DownloadAndVerify downloadAndVerify}: every block into staging, checked against the manifest;</li>
 *   <li>{@link Activate activate}: atomic renames into the target, only once all blocks verified.</li>
 * </ol>
 * {@link StagingCleanup} removes the staging directory after every run. Needs a
 * {@link JobRepository}, a {@link PlatformTransactionManager}, a {@link JobOperator} and a
 * {@link RepositoryProvider} bean in the context.
 */
@Configuration(proxyBeanMethods = false)
public class RestoreJobConfiguration {
    public static final String JOB_NAME = "restore";

    @Bean
    public Job restoreJob(JobRepository jobRepository,
                         @Qualifier("restoreLeftoverStagingStep") Step removeLeftoverStaging,
                         @Qualifier("restorePlanStep") Step plan,
                         @Qualifier("restoreDownloadAndVerifyStep") Step downloadAndVerify,
                         @Qualifier("restoreActivateStep") Step activate) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(removeLeftoverStaging)
                .next(plan)
                .next(downloadAndVerify)
                .next(activate)
                .listener(new StagingCleanup())
                // A rerun plans again against the target as it is now; nothing of a failed run is kept.
                .preventRestart()
                .build();
    }

    @Bean
    public RestoreService restoreService(JobOperator jobOperator, @Qualifier("restoreJob") Job restoreJob,
                                         RepositoryProvider repositories) {
        return new RestoreService(jobOperator, restoreJob, new ReadOnlyRepositories(repositories));
    }

    @Bean
    Step restoreLeftoverStagingStep(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        return new StepBuilder("removeLeftoverStaging", jobRepository)
                .tasklet(new LeftoverStaging(), transactionManager)
                .build();
    }

    @Bean
    Step restorePlanStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         RepositoryProvider repositories) {
        return new StepBuilder("plan", jobRepository)
                .tasklet(new PlanRestore(new ReadOnlyRepositories(repositories)), transactionManager)
                .build();
    }

    @Bean
    Step restoreDownloadAndVerifyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                      RepositoryProvider repositories) {
        return new StepBuilder("downloadAndVerify", jobRepository)
                .tasklet(new DownloadAndVerify(new ReadOnlyRepositories(repositories)), transactionManager)
                .build();
    }

    @Bean
    Step restoreActivateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        return new StepBuilder("activate", jobRepository)
                .tasklet(new Activate(), transactionManager)
                .build();
    }
}
