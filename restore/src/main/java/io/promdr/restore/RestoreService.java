package io.promdr.restore;

import io.promdr.core.batch.JobFailures;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Plans and runs the restore job (plan, download and verify into staging, activate). The
 * repository is only ever opened read-only. The job runs synchronously in the calling thread:
 * the {@link JobOperator} must use a synchronous task executor (Spring Batch's default).
 */
public class RestoreService {
    private final JobOperator jobOperator;
    private final Job restoreJob;
    private final ReadOnlyRepositories repositories;

    RestoreService(JobOperator jobOperator, Job restoreJob, ReadOnlyRepositories repositories) {
        this.jobOperator = jobOperator;
        this.restoreJob = restoreJob;
        this.repositories = repositories;
    }

    /** What {@link #restore} would do, without running a job or changing anything (--dry-run). */
    public RestorePlan plan(RestoreRequest request) {
        validate(request);
        try {
            return repositories.withRepository(repository -> RestorePlanner.plan(repository, request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the restore job; with {@code dryRun} only plans, and reports nothing restored. */
    public RestoreResult restore(RestoreRequest request) {
        Instant start = Instant.now();
        if (request.dryRun()) {
            return new RestoreResult(plan(request), 0, 0, Duration.between(start, Instant.now()));
        }
        validate(request);
        JobExecution execution;
        try {
            execution = jobOperator.start(restoreJob, RestoreJobParameters.of(request));
        } catch (Exception e) {
            throw JobFailures.notStarted("restore of backup " + request.backup(), e);
        }
        JobFailures.requireCompleted(execution, "restore of backup " + request.backup() + " into " + request.target());
        RestoreJobContext context = new RestoreJobContext(execution);
        return new RestoreResult(context.requirePlan(), context.blocksRestored(), context.bytesDownloaded(),
                Duration.between(start, Instant.now()));
    }

    private static void validate(RestoreRequest request) {
        if (request.backup() == null || request.backup().isBlank()) {
            throw new PromdrException(ErrorCode.USAGE, "no backup given", "give a backup id, a unique prefix of one, or latest");
        }
        if (request.target() == null) {
            throw new PromdrException(ErrorCode.USAGE, "no restore target given", "give the directory to restore into with --to");
        }
    }
}
