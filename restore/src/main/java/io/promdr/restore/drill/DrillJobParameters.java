package io.promdr.restore.drill;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** The drill request as job parameters (plain values, nothing secret), with a run id so that every drill is a new job instance. */
final class DrillJobParameters {
    private static final String BACKUP = "backup";
    private static final String SOURCE = "source";
    private static final String SCRATCH_PARENT = "scratchParent";
    private static final String PROMETHEUS_BINARY = "prometheusBinary";
    private static final String READY_TIMEOUT_MS = "readyTimeoutMs";
    private static final String QUERY_TIMEOUT_MS = "queryTimeoutMs";
    private static final String RUN_ID = "runId";

    private DrillJobParameters() {
    }

    static JobParameters of(DrillRequest request) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(BACKUP, request.backup())
                .addString(SCRATCH_PARENT, request.scratchParent().toAbsolutePath().normalize().toString())
                .addLong(READY_TIMEOUT_MS, request.readyTimeout().toMillis())
                .addLong(QUERY_TIMEOUT_MS, request.queryTimeout().toMillis())
                .addString(RUN_ID, UUID.randomUUID().toString());
        if (request.source() != null) {
            builder.addString(SOURCE, request.source());
        }
        if (request.prometheusBinary() != null) {
            builder.addString(PROMETHEUS_BINARY, request.prometheusBinary().toString());
        }
        return builder.toJobParameters();
    }

    static DrillRequest request(JobParameters parameters) {
        String binary = parameters.getString(PROMETHEUS_BINARY);
        return new DrillRequest(parameters.getString(BACKUP), parameters.getString(SOURCE),
                Path.of(parameters.getString(SCRATCH_PARENT)), binary == null ? null : Path.of(binary),
                Duration.ofMillis(parameters.getLong(READY_TIMEOUT_MS)), Duration.ofMillis(parameters.getLong(QUERY_TIMEOUT_MS)));
    }
}
