package io.promdr.restore.drill;

import io.promdr.core.batch.JobFailures;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

/**
 * Runs a restore drill (plan, restore to scratch, TSDB verification, query check, report) and
 * returns its report. A drill whose checks fail still returns a report (with result
 * {@code failed}); an exception means the drill could not run: backup not found, repository
 * unreachable, no Prometheus binary, scratch directory unusable. The repository is only read.
 * The job runs in the calling thread (the {@link JobOperator} must be synchronous, Spring Batch's default).
 */
public class DrillService {
    private final JobOperator jobOperator;
    private final Job drillJob;

    DrillService(JobOperator jobOperator, Job drillJob) {
        this.jobOperator = jobOperator;
        this.drillJob = drillJob;
    }

    public DrillReport drill(DrillRequest request) {
        validate(request);
        JobExecution execution;
        try {
            execution = jobOperator.start(drillJob, DrillJobParameters.of(request));
        } catch (Exception e) {
            throw JobFailures.notStarted("drill of backup " + request.backup(), e);
        }
        JobFailures.requireCompleted(execution, "drill of backup " + request.backup());
        return new DrillJobContext(execution).report()
                .orElseThrow(() -> new IllegalStateException("the drill job completed without a report"));
    }

    private static void validate(DrillRequest request) {
        if (request.backup() == null || request.backup().isBlank()) {
            throw new PromdrException(ErrorCode.USAGE, "no backup given", "give a backup id, a unique prefix of one, or latest");
        }
        if (request.scratchParent() == null) {
            throw new PromdrException(ErrorCode.USAGE, "no scratch directory given", "give one with --scratch");
        }
        if (request.readyTimeout().isNegative() || request.readyTimeout().isZero()
                || request.queryTimeout().isNegative() || request.queryTimeout().isZero()) {
            throw new PromdrException(ErrorCode.USAGE, "drill timeouts must be positive", "check drill.readyTimeout and drill.queryTimeout");
        }
    }
}
