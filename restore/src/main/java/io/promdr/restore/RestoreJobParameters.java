package io.promdr.restore;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The parameters of one run of the restore job: the request, and a run id that makes every run a
 * new job instance (the same restore may be run twice). Nothing secret: the repository comes from
 * the {@link io.promdr.core.repo.RepositoryProvider} bean.
 */
final class RestoreJobParameters {
    private static final String BACKUP = "backup";
    private static final String SOURCE = "source";
    private static final String TARGET = "target";
    private static final String FROM_MS = "fromMs";
    private static final String UNTIL_MS = "untilMs";
    private static final String MERGE = "merge";
    private static final String FORCE = "force";
    private static final String RUN_ID = "runId";

    private RestoreJobParameters() {
    }

    static JobParameters of(RestoreRequest request) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(BACKUP, request.backup())
                .addString(TARGET, request.target().toAbsolutePath().normalize().toString())
                .addString(MERGE, Boolean.toString(request.merge()))
                .addString(FORCE, Boolean.toString(request.force()))
                .addString(RUN_ID, UUID.randomUUID().toString());
        // Batch parameters cannot be null: absent means "not given".
        if (request.source() != null) {
            builder.addString(SOURCE, request.source());
        }
        if (request.fromMs() != null) {
            builder.addLong(FROM_MS, request.fromMs());
        }
        if (request.untilMs() != null) {
            builder.addLong(UNTIL_MS, request.untilMs());
        }
        return builder.toJobParameters();
    }

    static RestoreRequest request(JobParameters parameters) {
        return new RestoreRequest(
                parameters.getString(BACKUP),
                parameters.getString(SOURCE),
                Path.of(parameters.getString(TARGET)),
                parameters.getLong(FROM_MS),
                parameters.getLong(UNTIL_MS),
                Boolean.parseBoolean(parameters.getString(MERGE)),
                Boolean.parseBoolean(parameters.getString(FORCE)),
                false);
    }
}
