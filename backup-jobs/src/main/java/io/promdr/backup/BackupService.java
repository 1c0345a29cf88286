package io.promdr.backup;

import io.promdr.core.batch.JobFailures;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BackupId;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.snapshot.LocalSnapshotAccess;
import io.promdr.core.snapshot.SnapshotAccess;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Runs the backup job (snapshot, upload blocks, commit manifest, remove snapshot) and returns its
 * result or raises a PromdrException.
 *
 * <p>The job runs synchronously in the calling thread: the {@link JobOperator} must use a
 * synchronous task executor (Spring Batch's default).
 */
public class BackupService {
    private final JobOperator jobOperator;
    private final Job backupJob;
    private final PrometheusEndpoints endpoints;
    private final SnapshotAccesses accesses;

    BackupService(JobOperator jobOperator, Job backupJob, PrometheusEndpoints endpoints, SnapshotAccesses accesses) {
        this.jobOperator = jobOperator;
        this.backupJob = backupJob;
        this.endpoints = endpoints;
        this.accesses = accesses;
    }

    /** A backup whose snapshot promdr reads on its own file system, under {@code request.dataDir()}. */
    public BackupResult backup(BackupRequest request) {
        validate(request);
        return backup(request, new LocalSnapshotAccess(request.dataDir()));
    }

    /**
     * A backup whose snapshot promdr reads through {@code access} (e.g. exec into the Prometheus
     * container, where {@code request.dataDir()} is the container's --storage.tsdb.path).
     */
    public BackupResult backup(BackupRequest request, SnapshotAccess access) {
        validate(request);
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        BackupId id = BackupId.newId(startedAt);
        BackupJobParameters parameters = BackupJobParameters.of(request, id, startedAt);
        endpoints.register(id.value(), request.prometheusUrl(), request.prometheusSecurity());
        accesses.register(id.value(), access);
        JobExecution execution;
        try {
            execution = jobOperator.start(backupJob, parameters.toJobParameters());
        } catch (Exception e) {
            throw JobFailures.notStarted("backup " + id, e);
        } finally {
            endpoints.forget(id.value());
            accesses.forget(id.value());
        }
        JobFailures.requireCompleted(execution, "backup " + id + " of source " + request.source());
        BackupJobContext context = new BackupJobContext(execution);
        return new BackupResult(context.manifest().orElseThrow(), context.blocksUploaded(), context.blocksReused(),
                context.bytesUploaded(), Duration.between(startedAt, Instant.now()));
    }

    private static void validate(BackupRequest request) {
        if (!RepositoryLayout.isValidSourceName(request.source())) {
            throw new PromdrException(ErrorCode.USAGE, "invalid source name \"" + request.source() + "\"",
                    "use 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String scheme = request.prometheusUrl() == null ? null : request.prometheusUrl().getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || request.prometheusUrl().getHost() == null) {
            throw new PromdrException(ErrorCode.USAGE, "invalid Prometheus URL " + safe(request),
                    "give the base URL, e.g. http://prometheus:9090");
        }
        if (request.dataDir() == null) {
            throw new PromdrException(ErrorCode.USAGE, "no Prometheus data directory given", TakeSnapshot.DATA_DIR_HINT);
        }
        if (request.zstdLevel() < 1 || request.zstdLevel() > 22) {
            throw new PromdrException(ErrorCode.USAGE, "invalid zstd level " + request.zstdLevel(), "use a level from 1 to 22");
        }
    }

    private static String safe(BackupRequest request) {
        if (request.prometheusUrl() == null) {
            return "(none)";
        }
        try {
            return BackupJobParameters.withoutCredentials(request.prometheusUrl()).toString();
        } catch (IllegalArgumentException e) {
            return "(unparsable)";
        }
    }
}
