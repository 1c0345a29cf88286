package io.promdr.backup.prune;

import io.promdr.core.batch.JobFailures;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.locks.LockTimings;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.repo.RepositoryProvider;
import io.promdr.core.store.ObjectStore;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Applies retention: a dry run only plans (no lock, nothing deleted); a real run runs the prune
 * job (lock, plan, delete manifests, sweep) and returns what it did or raises a PromdrException.
 * The job runs synchronously in the calling thread.
 */
public class PruneService {
    private final JobOperator jobOperator;
    private final Job pruneJob;
    private final PruneRuns runs;
    private final RepositoryProvider repositories;
    private final Clock clock;
    private final LockTimings timings;

    PruneService(JobOperator jobOperator, Job pruneJob, PruneRuns runs, RepositoryProvider repositories, Clock clock,
                 LockTimings timings) {
        this.jobOperator = jobOperator;
        this.pruneJob = pruneJob;
        this.runs = runs;
        this.repositories = repositories;
        this.clock = clock;
        this.timings = timings;
    }

    public PruneResult prune(PruneRequest request) throws IOException {
        validate(request);
        Instant start = clock.instant();
        if (request.dryRun()) {
            // A dry run cannot write: it reads through a read-only view of the store.
            return repositories.withRepository(repository -> new PruneResult(
                    PlanRetention.plan(repository.readOnly(), request, clock.instant()),
                    true, 0, 0, 0, null, Duration.between(start, clock.instant())));
        }
        Repository repository = repositories.open();
        try (ObjectStore ignored = repository.store()) {
            PruneRun run = new PruneRun(request, repository, clock, timings);
            String runId = UUID.randomUUID().toString();
            runs.register(runId, run);
            JobExecution execution;
            try {
                execution = jobOperator.start(pruneJob, new JobParametersBuilder()
                        .addString(PhaseTasklet.RUN_PARAMETER, runId)
                        .addString("source", request.source() == null ? "(all)" : request.source(), false)
                        .toJobParameters());
            } catch (Exception e) {
                throw JobFailures.notStarted("prune", e);
            } finally {
                runs.forget(runId);
                run.release();
            }
            JobFailures.requireCompleted(execution, "prune of " + (request.source() == null ? "all sources" : "source " + request.source()));
            return new PruneResult(run.plans(), false, run.manifestsDeleted(), run.objectsDeleted(), run.bytesDeleted(),
                    run.sweepSkippedReason(), Duration.between(start, clock.instant()));
        }
    }

    private static void validate(PruneRequest request) {
        if (request.source() != null && !RepositoryLayout.isValidSourceName(request.source())) {
            throw new PromdrException(ErrorCode.USAGE, "invalid source name \"" + request.source() + "\"",
                    "use 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
