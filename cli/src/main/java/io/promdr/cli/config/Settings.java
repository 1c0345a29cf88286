package io.promdr.cli.config;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.store.S3Settings;

import java.net.URI;
import java.nio.file.Path;

/**
 * The effective settings of one promdr run, after merging command line, environment, file and
 * defaults ({@link SettingsResolver}). Values a command cannot do without are read through the
 * {@code require*} methods, which raise USAGE naming every place the value can come from.
 *
 * @param configFile     the file read, or null
 * @param repositoryUri  may be null until {@link #requireRepositoryUri()}
 * @param prometheusUrl  may be null until {@link #requirePrometheusUrl()}
 * @param dataDir        may be null until {@link #requireDataDir()}
 * @param jobRepository  null for the embedded H2 database under {@code stateDir}
 * @param drill          how restore drills run
 * @param metrics        where job metrics are pushed
 */
public record Settings(Path configFile, String repositoryUri, S3Settings s3, URI prometheusUrl, Path dataDir,
                       String source, int zstdLevel, Path stateDir, JobRepositoryConfig jobRepository,
                       DrillSettings drill, MetricsSettings metrics) {

    public static final String DEFAULT_SOURCE = "default";
    public static final int DEFAULT_ZSTD_LEVEL = 3;

    public String requireRepositoryUri() {
        if (repositoryUri == null) {
            throw new PromdrException(ErrorCode.USAGE, "no repository given",
                    "pass --repository or set repository.uri in the config (or PROMDR_REPOSITORY)");
        }
        return repositoryUri;
    }

    public URI requirePrometheusUrl() {
        if (prometheusUrl == null) {
            throw new PromdrException(ErrorCode.USAGE, "no Prometheus URL given",
                    "pass --prometheus or set prometheus.url in the config (or PROMDR_PROMETHEUS_URL)");
        }
        return prometheusUrl;
    }

    public Path requireDataDir() {
        if (dataDir == null) {
            throw new PromdrException(ErrorCode.USAGE, "no Prometheus data directory given",
                    "pass --data-dir or set prometheus.dataDir in the config (or PROMDR_DATA_DIR)");
        }
        return dataDir;
    }
}
