package io.promdr.cli.config;

import io.promdr.core.crypto.KeySource;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.prometheus.PrometheusSecurity;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.core.store.S3Settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The effective settings of one promdr run, after merging command line, environment, file and
 * defaults ({@link SettingsResolver}). Values a command cannot do without are read through the
 * {@code require*} methods, which raise USAGE naming every place the value can come from.
 *
 * @param configFile     the file read, or null
 * @param repositoryUri  may be null until {@link #requireRepositoryUri()}
 * @param prometheusUrl  may be null until {@link #requirePrometheusUrl()}
 * @param dataDir        may be null until {@link #requireDataDir()}
 * @param source         the selected source (docs/configuration.md, "Sources"); null when several
 *                       are configured and none was chosen, until {@link #requireSource()}
 * @param configuredSources the names under {@code sources:} in the file, sorted; empty when the
 *                       file describes a single Prometheus
 * @param jobRepository  null for the embedded H2 database under {@code stateDir}
 * @param kubernetes     the {@code kubernetes:} section, never null (its fields may be)
 * @param drill          how restore drills run
 * @param metrics        where job metrics are pushed
 * @param schedules      the validated {@code schedules:} and {@code scheduler:} (docs/scheduling.md)
 * @param retention      what prune keeps, and whether it runs after each backup
 * @param retry          how S3 and Prometheus calls retry transient failures ({@code retry:})
 * @param prometheusSecurity credentials and TLS trust for the selected source's Prometheus (docs/security.md)
 * @param encryptionKey  where the repository's encryption key comes from ({@code repository.encryption:}),
 *                       {@link KeySource#NONE} when none is configured; read only when a repository is opened
 */
public record Settings(Path configFile, String repositoryUri, S3Settings s3, URI prometheusUrl, Path dataDir,
                       String source, List<String> configuredSources, int zstdLevel, Path stateDir,
                       JobRepositoryConfig jobRepository, KubernetesConfig kubernetes, DrillSettings drill,
                       MetricsSettings metrics, ScheduleSettings schedules, RetentionSettings retention, RetryPolicy retry,
                       PrometheusSecurity prometheusSecurity, KeySource encryptionKey) {

    public Settings {
        prometheusSecurity = prometheusSecurity == null ? PrometheusSecurity.NONE : prometheusSecurity;
        encryptionKey = encryptionKey == null ? KeySource.NONE : encryptionKey;
    }

    /** Settings without an encryption key. */
    public Settings(Path configFile, String repositoryUri, S3Settings s3, URI prometheusUrl, Path dataDir,
                    String source, List<String> configuredSources, int zstdLevel, Path stateDir,
                    JobRepositoryConfig jobRepository, KubernetesConfig kubernetes, DrillSettings drill,
                    MetricsSettings metrics, ScheduleSettings schedules, RetentionSettings retention, RetryPolicy retry,
                    PrometheusSecurity prometheusSecurity) {
        this(configFile, repositoryUri, s3, prometheusUrl, dataDir, source, configuredSources, zstdLevel, stateDir,
                jobRepository, kubernetes, drill, metrics, schedules, retention, retry, prometheusSecurity, KeySource.NONE);
    }

    /** Settings without Prometheus credentials or TLS options, nor an encryption key. */
    public Settings(Path configFile, String repositoryUri, S3Settings s3, URI prometheusUrl, Path dataDir,
                    String source, List<String> configuredSources, int zstdLevel, Path stateDir,
                    JobRepositoryConfig jobRepository, KubernetesConfig kubernetes, DrillSettings drill,
                    MetricsSettings metrics, ScheduleSettings schedules, RetentionSettings retention, RetryPolicy retry) {
        this(configFile, repositoryUri, s3, prometheusUrl, dataDir, source, configuredSources, zstdLevel, stateDir,
                jobRepository, kubernetes, drill, metrics, schedules, retention, retry, PrometheusSecurity.NONE, KeySource.NONE);
    }

    /** Settings without schedules (they are resolved after the rest, see {@link #withSchedules}). */
    public Settings(Path configFile, String repositoryUri, S3Settings s3, URI prometheusUrl, Path dataDir,
                    String source, List<String> configuredSources, int zstdLevel, Path stateDir,
                    JobRepositoryConfig jobRepository, KubernetesConfig kubernetes, DrillSettings drill,
                    MetricsSettings metrics, RetentionSettings retention, RetryPolicy retry) {
        this(configFile, repositoryUri, s3, prometheusUrl, dataDir, source, configuredSources, zstdLevel, stateDir,
                jobRepository, kubernetes, drill, metrics, ScheduleSettings.none(), retention, retry);
    }

    /** These settings with {@code encryptionKey} replaced. */
    public Settings withEncryptionKey(KeySource encryptionKey) {
        return new Settings(configFile, repositoryUri, s3, prometheusUrl, dataDir, source, configuredSources, zstdLevel,
                stateDir, jobRepository, kubernetes, drill, metrics, schedules, retention, retry, prometheusSecurity, encryptionKey);
    }

    /** These settings with {@code schedules} replaced. */
    public Settings withSchedules(ScheduleSettings schedules) {
        return new Settings(configFile, repositoryUri, s3, prometheusUrl, dataDir, source, configuredSources, zstdLevel,
                stateDir, jobRepository, kubernetes, drill, metrics, schedules, retention, retry, prometheusSecurity, encryptionKey);
    }

    public static final String DEFAULT_SOURCE = "default";
    public static final int DEFAULT_ZSTD_LEVEL = 3;

    public String requireRepositoryUri() {
        if (repositoryUri == null) {
            throw new PromdrException(ErrorCode.USAGE, "no repository given",
                    "pass --repository or set repository.uri in the config (or PROMDR_REPOSITORY)");
        }
        return repositoryUri;
    }

    /**
     * The source a backup writes: the selected one, which must be an entry of {@code sources:}
     * when the file lists any (a typo would otherwise start a new source in the repository).
     */
    public String requireSource() {
        if (source == null) {
            throw new PromdrException(ErrorCode.USAGE, "several sources are configured " + configuredSources + " and none is chosen",
                    "pass --source NAME, or set source: in the config (or PROMDR_SOURCE)");
        }
        if (!configuredSources.isEmpty() && !configuredSources.contains(source)) {
            throw new PromdrException(ErrorCode.USAGE, "source " + source + " is not configured",
                    "use one of " + configuredSources + " (sources: in " + configFile + ")");
        }
        return source;
    }

    public URI requirePrometheusUrl() {
        if (prometheusUrl == null) {
            throw new PromdrException(ErrorCode.USAGE, "no Prometheus URL given",
                    "pass --prometheus or set " + prometheusKey() + ".url in the config (or PROMDR_PROMETHEUS_URL)");
        }
        return prometheusUrl;
    }

    public Path requireDataDir() {
        if (dataDir == null) {
            throw new PromdrException(ErrorCode.USAGE, "no Prometheus data directory given",
                    "pass --data-dir or set " + prometheusKey() + ".dataDir in the config (or PROMDR_DATA_DIR)");
        }
        return dataDir;
    }

    /** Where the selected source's Prometheus settings live in the file. */
    private String prometheusKey() {
        return configuredSources.isEmpty() ? "prometheus" : "sources." + source + ".prometheus";
    }
}
