package io.promdr.core.batch;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a job that could not start, or an execution that did not complete, into the exception
 * the CLI shows. Shared by the writing and the reading jobs, which must not depend on each other.
 */
public final class JobFailures {
    private JobFailures() {
    }

    /** Returns normally when the execution completed; otherwise throws the first PromdrException a step failed with, or JOB_FAILED. */
    public static void requireCompleted(JobExecution execution, String what) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return;
        }
        for (Throwable failure : execution.getAllFailureExceptions()) {
            Optional<PromdrException> cause = promdrCause(failure);
            if (cause.isPresent()) {
                throw cause.get();
            }
        }
        Throwable first = execution.getAllFailureExceptions().stream().findFirst().orElse(null);
        throw new PromdrException(ErrorCode.JOB_FAILED,
                what + " failed (job execution " + execution.getId() + ", status " + execution.getStatus() + ")"
                        + (first == null ? "" : ": " + first),
                "see the log above for the cause; the job history keeps the details", first);
    }

    /** What to throw when the job operator refused to start {@code what} (job repository database unreachable, ...). */
    public static PromdrException notStarted(String what, Exception cause) {
        return new PromdrException(ErrorCode.JOB_FAILED, what + " could not be started: " + cause.getMessage(),
                "check the job repository database (--state-dir / datasource settings)", cause);
    }

    private static Optional<PromdrException> promdrCause(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof PromdrException promdr) {
                return Optional.of(promdr);
            }
        }
        return Optional.empty();
    }
}
