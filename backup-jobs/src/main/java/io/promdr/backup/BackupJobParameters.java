package io.promdr.backup;

import io.promdr.core.model.BackupId;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The parameters of one run of the backup job. They are stored in the job repository database,
 * so they hold no secret: the Prometheus URL is kept without user info, query or fragment, and
 * the repository comes from the {@link io.promdr.core.repo.RepositoryProvider} bean.
 */
record BackupJobParameters(String source, URI prometheusUrl, Path dataDir, int zstdLevel, BackupId backupId,
                           Instant startedAt) {
    private static final String SOURCE = "source";
    private static final String PROMETHEUS_URL = "prometheusUrl";
    private static final String DATA_DIR = "dataDir";
    private static final String ZSTD_LEVEL = "zstdLevel";
    private static final String BACKUP_ID = "backupId";
    private static final String STARTED_AT = "startedAt";

    static BackupJobParameters of(BackupRequest request, BackupId backupId, Instant startedAt) {
        return new BackupJobParameters(request.source(), withoutCredentials(request.prometheusUrl()),
                request.dataDir().toAbsolutePath().normalize(), request.zstdLevel(), backupId, startedAt);
    }

    static BackupJobParameters from(JobParameters parameters) {
        return new BackupJobParameters(
                parameters.getString(SOURCE),
                URI.create(parameters.getString(PROMETHEUS_URL)),
                Path.of(parameters.getString(DATA_DIR)),
                parameters.getLong(ZSTD_LEVEL).intValue(),
                new BackupId(parameters.getString(BACKUP_ID)),
                Instant.parse(parameters.getString(STARTED_AT)));
    }

    JobParameters toJobParameters() {
        // The backup id is unique per run, so every run is a new job instance.
        return new JobParametersBuilder()
                .addString(SOURCE, source)
                .addString(PROMETHEUS_URL, prometheusUrl.toString())
                .addString(DATA_DIR, dataDir.toString())
                .addLong(ZSTD_LEVEL, (long) zstdLevel)
                .addString(BACKUP_ID, backupId.value())
                .addString(STARTED_AT, startedAt.toString())
                .toJobParameters();
    }

    /** The URL reduced to scheme, host, port and path: user info (credentials), query and fragment are dropped. */
    static URI withoutCredentials(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid Prometheus URL", e);
        }
    }
}
