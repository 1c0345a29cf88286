package io.promdr.backup;

import io.promdr.core.locks.LockTimings;
import io.promdr.core.repo.RepositoryProvider;
import io.promdr.core.retry.RetryPolicy;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;

/**
 * The backup job, phase by phase:
 * <ol>
 *   <li>{@link CheckRepository checkRepository}: the repository opens (initialised, reachable, allowed);</li>
 *   <li>{@link BackupLocks lockRepository}: the backup's shared lock, so that no prune sweeps while it runs;</li>
 *   <li>{@link TakeSnapshot takeSnapshot}: Prometheus snapshots its TSDB (head included);</li>
 *   <li>{@link UploadBlocks uploadBlocks}: one content-addressed tar.zst object per new block;</li>
 *   <li>{@link CommitManifest commitManifest}: the manifest, written last, is the commit point;</li>
 *   <li>{@link RemoveSnapshot removeSnapshot}: the snapshot directory is deleted, also after a failure.</li>
 * </ol>
 * The job is not restartable: run the backup again instead (see {@link UploadBlocks}).
 * Needs a {@link JobRepository}, a {@link PlatformTransactionManager}, a {@link JobOperator} and a
 * {@link RepositoryProvider} bean in the context.
 */
@Configuration(proxyBeanMethods = false)
public class BackupJobConfiguration {
    public static final String JOB_NAME = "backup";
    /** A snapshot with head persistence writes a new block; on a large head that takes a while. */
    private static final Duration PROMETHEUS_TIMEOUT = Duration.ofMinutes(10);

    @Bean
    public Job backupJob(JobRepository jobRepository,
                         @Qualifier("backupCheckRepositoryStep") Step checkRepository,
                         @Qualifier("backupLockRepositoryStep") Step lockRepository,
                         @Qualifier("backupTakeSnapshotStep") Step takeSnapshot,
                         @Qualifier("backupUploadBlocksStep") Step uploadBlocks,
                         @Qualifier("backupCommitManifestStep") Step commitManifest,
                         @Qualifier("backupRemoveSnapshotStep") Step removeSnapshot,
                         RemoveSnapshot snapshotRemovalOnFailure,
                         BackupLocks backupLocks) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(checkRepository)
                .next(lockRepository)
                .next(takeSnapshot)
                .next(uploadBlocks)
                .next(commitManifest)
                .next(removeSnapshot)
                .listener(snapshotRemovalOnFailure)
                .listener((JobExecutionListener) backupLocks)
                // A rerun is a new run with a new snapshot: the failed run's snapshot is gone, and
                // uploadBlocks finds what the failed run already stored.
                .preventRestart()
                .build();
    }

    @Bean
    public BackupService backupService(JobOperator jobOperator, @Qualifier("backupJob") Job backupJob,
                                       PrometheusEndpoints backupPrometheusEndpoints,
                                       SnapshotAccesses backupSnapshotAccesses) {
        return new BackupService(jobOperator, backupJob, backupPrometheusEndpoints, backupSnapshotAccesses);
    }

    @Bean
    Step backupCheckRepositoryStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   RepositoryProvider repositories) {
        return new StepBuilder("checkRepository", jobRepository)
                .tasklet(new CheckRepository(repositories), transactionManager)
                .build();
    }

    @Bean
    Step backupLockRepositoryStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  BackupLocks backupLocks) {
        return new StepBuilder("lockRepository", jobRepository)
                .tasklet(backupLocks, transactionManager)
                .build();
    }

    @Bean
    BackupLocks backupLocks(RepositoryProvider repositories) {
        return new BackupLocks(repositories, Clock.systemUTC(), LockTimings.DEFAULT);
    }

    @Bean
    Step backupTakeSnapshotStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                PrometheusEndpoints backupPrometheusEndpoints, SnapshotAccesses backupSnapshotAccesses) {
        return new StepBuilder("takeSnapshot", jobRepository)
                .tasklet(new TakeSnapshot(backupPrometheusEndpoints, backupSnapshotAccesses, PROMETHEUS_TIMEOUT),
                        transactionManager)
                .build();
    }

    @Bean
    Step backupUploadBlocksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                RepositoryProvider repositories, SnapshotAccesses backupSnapshotAccesses) {
        return new StepBuilder("uploadBlocks", jobRepository)
                .tasklet(new UploadBlocks(repositories, backupSnapshotAccesses), transactionManager)
                .build();
    }

    @Bean
    Step backupCommitManifestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  RepositoryProvider repositories, PrometheusEndpoints backupPrometheusEndpoints,
                                  BackupLocks backupLocks) {
        return new StepBuilder("commitManifest", jobRepository)
                .tasklet(new CommitManifest(repositories, backupPrometheusEndpoints, PROMETHEUS_TIMEOUT, backupLocks),
                        transactionManager)
                .build();
    }

    @Bean
    Step backupRemoveSnapshotStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  RemoveSnapshot snapshotRemoval) {
        return new StepBuilder("removeSnapshot", jobRepository)
                .tasklet(snapshotRemoval, transactionManager)
                .build();
    }

    @Bean
    RemoveSnapshot backupSnapshotRemoval(SnapshotAccesses backupSnapshotAccesses) {
        return new RemoveSnapshot(backupSnapshotAccesses);
    }

    @Bean
    SnapshotAccesses backupSnapshotAccesses() {
        return new SnapshotAccesses();
    }

    @Bean
    PrometheusEndpoints backupPrometheusEndpoints(ObjectProvider<RetryPolicy> retryPolicy) {
        // The CLI provides the configured policy (retry: in promdr.yaml); without one, no retry.
        return new PrometheusEndpoints(retryPolicy.getIfAvailable(() -> RetryPolicy.NONE));
    }
}
