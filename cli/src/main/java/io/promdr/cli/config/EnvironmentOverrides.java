package io.promdr.cli.config;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code PROMDR_*} environment variables (docs/configuration.md, "Environment"), as one
 * configuration layer above the file. Empty values count as unset, as a shell's {@code VAR=}
 * usually means "no value".
 *
 * <p>The AWS variables ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION},
 * {@code AWS_PROFILE}, ...) are not read here: the AWS SDK's default chain reads them when the
 * configuration holds no keys.
 */
public final class EnvironmentOverrides {
    public static final String CONFIG = "PROMDR_CONFIG";
    public static final String REPOSITORY = "PROMDR_REPOSITORY";
    public static final String PROMETHEUS_URL = "PROMDR_PROMETHEUS_URL";
    public static final String DATA_DIR = "PROMDR_DATA_DIR";
    public static final String SOURCE = "PROMDR_SOURCE";
    public static final String STATE_DIR = "PROMDR_STATE_DIR";
    public static final String S3_ENDPOINT = "PROMDR_S3_ENDPOINT";
    public static final String S3_REGION = "PROMDR_S3_REGION";
    public static final String S3_PATH_STYLE = "PROMDR_S3_PATH_STYLE";
    public static final String JOB_REPOSITORY_URL = "PROMDR_JOB_REPOSITORY_URL";
    public static final String JOB_REPOSITORY_USERNAME = "PROMDR_JOB_REPOSITORY_USERNAME";
    public static final String JOB_REPOSITORY_PASSWORD = "PROMDR_JOB_REPOSITORY_PASSWORD";
    public static final String DRILL_SCRATCH_DIR = "PROMDR_DRILL_SCRATCH_DIR";
    public static final String PROMETHEUS_BINARY = "PROMDR_PROMETHEUS_BINARY";
    public static final String PUSHGATEWAY_URL = "PROMDR_PUSHGATEWAY_URL";
    public static final String PUSHGATEWAY_USERNAME = "PROMDR_PUSHGATEWAY_USERNAME";
    public static final String PUSHGATEWAY_PASSWORD = "PROMDR_PUSHGATEWAY_PASSWORD";
    public static final String PROMETHEUS_USERNAME = "PROMDR_PROMETHEUS_USERNAME";
    /** Read by SettingsResolver, never put in a layer: a password has no place in the configuration records. */
    public static final String PROMETHEUS_PASSWORD = "PROMDR_PROMETHEUS_PASSWORD";
    public static final String PROMETHEUS_BEARER_TOKEN_FILE = "PROMDR_PROMETHEUS_BEARER_TOKEN_FILE";
    /** The encryption key itself (hex or base64): read as {@code repository.encryption.keyEnv: PROMDR_ENCRYPTION_KEY}. */
    public static final String ENCRYPTION_KEY = "PROMDR_ENCRYPTION_KEY";
    public static final String ENCRYPTION_KEY_FILE = "PROMDR_ENCRYPTION_KEY_FILE";

    private EnvironmentOverrides() {
    }

    /** The layer the environment sets; fields whose variable is unset stay null. */
    public static PromdrConfig from(Map<String, String> env) {
        S3Config s3 = new S3Config(get(env, S3_REGION), get(env, S3_ENDPOINT), bool(env, S3_PATH_STYLE), null, null, null);
        RepositoryConfig repository = new RepositoryConfig(get(env, REPOSITORY), s3, encryption(env));
        BasicAuthConfig basicAuth = get(env, PROMETHEUS_USERNAME) == null ? null
                : new BasicAuthConfig(get(env, PROMETHEUS_USERNAME), null);
        PrometheusConfig prometheus = new PrometheusConfig(get(env, PROMETHEUS_URL), get(env, DATA_DIR),
                get(env, PROMETHEUS_BEARER_TOKEN_FILE), basicAuth, null);
        JobRepositoryConfig jobRepository = new JobRepositoryConfig(get(env, JOB_REPOSITORY_URL),
                get(env, JOB_REPOSITORY_USERNAME), get(env, JOB_REPOSITORY_PASSWORD));
        DrillConfig drill = new DrillConfig(get(env, DRILL_SCRATCH_DIR), get(env, PROMETHEUS_BINARY), null, null);
        MetricsConfig metrics = new MetricsConfig(new PushgatewayConfig(get(env, PUSHGATEWAY_URL), null, null,
                get(env, PUSHGATEWAY_USERNAME), get(env, PUSHGATEWAY_PASSWORD), null, null));
        return new PromdrConfig(repository, prometheus, get(env, SOURCE), null, get(env, STATE_DIR), jobRepository,
                null, null, drill, metrics);
    }

    /** The key file wins when both variables are set, as the more explicit of the two. */
    private static EncryptionConfig encryption(Map<String, String> env) {
        if (get(env, ENCRYPTION_KEY_FILE) != null) {
            return new EncryptionConfig(get(env, ENCRYPTION_KEY_FILE), null);
        }
        return get(env, ENCRYPTION_KEY) == null ? null : new EncryptionConfig(null, ENCRYPTION_KEY);
    }

    static String get(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Boolean bool(Map<String, String> env, String name) {
        String value = get(env, name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Boolean.TRUE;
            case "false", "0", "no" -> Boolean.FALSE;
            default -> throw new PromdrException(ErrorCode.CONFIG_INVALID,
                    "environment variable " + name + "=" + value + " is not a boolean", "use true or false");
        };
    }
}
