package io.promdr.cli.config;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.S3ObjectStore;
import io.promdr.core.store.S3Settings;
import io.promdr.core.store.ServerSideEncryption;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Merges the configuration layers (command line &gt; environment &gt; config file &gt; defaults),
 * validates the values and returns {@link Settings}. Bad values raise CONFIG_INVALID naming the
 * key; secrets never appear in a message.
 */
public final class SettingsResolver {
    /** The S3 store's own bounds: the S3 minimum part, and the one part it buffers in memory. */
    private static final long MIN_PART_SIZE = S3ObjectStore.MIN_PART_SIZE;
    private static final long MAX_PART_SIZE = S3ObjectStore.MAX_PART_SIZE;

    private SettingsResolver() {
    }

    /**
     * @param configFile  {@code --config}, or null to use {@code PROMDR_CONFIG}, or no file
     * @param commandLine the layer set by command-line options
     * @param env         the process environment
     */
    public static Settings resolve(Path configFile, PromdrConfig commandLine, Map<String, String> env) {
        Path file = configFile;
        if (file == null && EnvironmentOverrides.get(env, EnvironmentOverrides.CONFIG) != null) {
            file = path(EnvironmentOverrides.get(env, EnvironmentOverrides.CONFIG), EnvironmentOverrides.CONFIG);
        }
        PromdrConfig fromFile = file == null ? PromdrConfig.empty() : ConfigFileReader.read(file);
        PromdrConfig above = EnvironmentOverrides.from(env).overlay(commandLine);
        SourceSelection selected = SourceSelection.select(fromFile, above);
        Settings settings = toSettings(file, fromFile.overlay(above), selected, env);
        settings = settings.withEncryptionKey(EncryptionKeyResolver.resolve(fromFile.overlay(above).repository(), env));
        // Schedules name sources as the file does: their default source ignores --source and PROMDR_SOURCE.
        return settings.withSchedules(ScheduleResolver.resolve(fromFile.schedules(), fromFile.overlay(above).scheduler(),
                SourceSelection.select(fromFile, PromdrConfig.empty()).name(), selected.configured()));
    }

    private static Settings toSettings(Path file, PromdrConfig c, SourceSelection selected, Map<String, String> env) {
        RepositoryConfig repository = c.repository() == null ? new RepositoryConfig(null, null) : c.repository();
        PrometheusConfig prometheus = selected.prometheus() == null ? new PrometheusConfig(null, null) : selected.prometheus();
        String source = selected.name();
        if (source != null && !RepositoryLayout.isValidSourceName(source)) {
            throw invalid("source", "\"" + source + "\" is not a valid source name",
                    "use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        int level = c.compression() == null || c.compression().level() == null
                ? Settings.DEFAULT_ZSTD_LEVEL : c.compression().level();
        if (level < 1 || level > 22) {
            throw invalid("compression.level", level + " is out of range", "use a zstd level from 1 to 22 (default 3)");
        }
        String prometheusKey = selected.configured().isEmpty() ? "prometheus" : "sources." + source + ".prometheus";
        return new Settings(file, blankToNull(repository.uri()), s3(repository.s3()),
                prometheus.url() == null ? null : httpUrl(prometheus.url(), "prometheus.url"),
                prometheus.dataDir() == null ? null : path(prometheus.dataDir(), "prometheus.dataDir"),
                source, selected.configured(), level, stateDir(c.stateDir(), env), jobRepository(c.jobRepository()),
                c.kubernetes() == null ? new KubernetesConfig(null, null, null, null, null) : c.kubernetes(),
                DrillMetricsResolver.drill(c.drill()), DrillMetricsResolver.metrics(c.metrics()), ScheduleSettings.none(),
                RetentionResolver.resolve(c.retention(), c.sources()),
                RetryResolver.policy(c.retry()),
                SecurityResolver.prometheus(prometheus, prometheusKey, env));
    }

    private static S3Settings s3(S3Config s3) {
        if (s3 == null) {
            return S3Settings.defaults();
        }
        if ((s3.accessKeyId() == null) != (s3.secretAccessKey() == null)) {
            throw invalid("repository.s3", "sets only one of accessKeyId and secretAccessKey",
                    "set both, or neither to use the AWS default credentials chain (AWS_ACCESS_KEY_ID, profiles, roles)");
        }
        long partSize = S3Settings.DEFAULT_PART_SIZE;
        if (s3.partSize() != null) {
            partSize = ByteSizes.parse(s3.partSize()).orElseThrow(() -> invalid("repository.s3.partSize",
                    "\"" + s3.partSize() + "\" is not a size", "use bytes or a number with KiB, MiB or GiB, e.g. 16MiB"));
            if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
                throw invalid("repository.s3.partSize", s3.partSize() + " is out of range",
                        "use a part size from 5MiB (the S3 minimum) to 1GiB (the memory one upload holds)");
            }
        }
        URI endpoint = s3.endpoint() == null ? null : httpUrl(s3.endpoint(), "repository.s3.endpoint");
        try {
            ServerSideEncryption.of(s3.serverSideEncryption(), s3.kmsKeyId());
        } catch (IllegalArgumentException e) {
            throw invalid("repository.s3.serverSideEncryption", e.getMessage(),
                    "use AES256 (SSE-S3) or aws:kms (SSE-KMS, with repository.s3.kmsKeyId or the bucket's default key)");
        }
        return new S3Settings(blankToNull(s3.region()), endpoint, Boolean.TRUE.equals(s3.pathStyle()),
                s3.accessKeyId(), s3.secretAccessKey(), partSize, blankToNull(s3.serverSideEncryption()),
                blankToNull(s3.kmsKeyId()), SecurityResolver.tls(s3.caFile(), s3.insecureSkipVerify(), S3Settings.TLS_KEY));
    }

    private static JobRepositoryConfig jobRepository(JobRepositoryConfig j) {
        if (j == null || j.url() == null) {
            return null;
        }
        String url = j.url();
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw invalid("jobRepository.url", JdbcUrls.redact(url) + " is not a supported database",
                    "use jdbc:postgresql://host:5432/db, or leave it unset for the embedded database");
        }
        return j;
    }

    /** $PROMDR_STATE_DIR (already merged into {@code configured}), else $XDG_STATE_HOME/promdr, else ~/.local/state/promdr. */
    private static Path stateDir(String configured, Map<String, String> env) {
        if (configured != null) {
            return path(configured, "stateDir").toAbsolutePath();
        }
        String xdg = EnvironmentOverrides.get(env, "XDG_STATE_HOME");
        if (xdg != null) {
            return path(xdg, "XDG_STATE_HOME").toAbsolutePath().resolve("promdr");
        }
        String home = EnvironmentOverrides.get(env, "HOME");
        Path base = home != null ? path(home, "HOME") : Path.of(System.getProperty("user.home"));
        return base.toAbsolutePath().resolve(".local/state/promdr");
    }

    static URI httpUrl(String text, String key) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw invalid(key, "\"" + text + "\" is not an http(s) URL", "use e.g. http://127.0.0.1:9090");
            }
            if (uri.getUserInfo() != null) {
                throw invalid(key, "contains credentials in the URL", "remove user:password@ from the URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(key, "\"" + text + "\" is not a URL: " + e.getReason(), "use e.g. http://127.0.0.1:9090");
        }
    }

    static Path path(String text, String key) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid(key, "\"" + text + "\" is not a path: " + e.getReason(), "give a directory path");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static PromdrException invalid(String key, String what, String hint) {
        return new PromdrException(ErrorCode.CONFIG_INVALID, key + ": " + what, hint);
    }
}
