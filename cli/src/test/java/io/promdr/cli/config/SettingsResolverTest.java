package io.promdr.cli.config;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsResolverTest {
    private static final String FULL = """
            repository:
              uri: s3://file-bucket/prefix
              s3:
                region: eu-west-3
                endpoint: http://127.0.0.1:9000
                pathStyle: true
                accessKeyId: AKIAFILEKEY
                secretAccessKey: file-secret-value
                partSize: 32MiB
            prometheus:
              url: http://file-prometheus:9090
              dataDir: /var/lib/prometheus/metrics2
            source: from-file
            compression:
              level: 7
            stateDir: /var/lib/promdr
            jobRepository:
              url: jdbc:postgresql://db:5432/promdr
              username: promdr
              password: db-secret-value
            kubernetes:
              kubeconfig: /etc/promdr/kube/prod
              context: prod-eu
              namespace: monitoring
              image: registry.example/promdr:0.1.0
              serviceAccount: promdr
            """;

    @TempDir
    Path dir;

    @Test
    void readsEveryKeyOfAFullFile() throws IOException {
        Settings s = SettingsResolver.resolve(write(FULL), PromdrConfig.empty(), Map.of());

        assertThat(s.repositoryUri()).isEqualTo("s3://file-bucket/prefix");
        assertThat(s.s3().region()).isEqualTo("eu-west-3");
        assertThat(s.s3().endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(s.s3().pathStyle()).isTrue();
        assertThat(s.s3().accessKeyId()).isEqualTo("AKIAFILEKEY");
        assertThat(s.s3().secretAccessKey()).isEqualTo("file-secret-value");
        assertThat(s.s3().partSizeBytes()).isEqualTo(32L << 20);
        assertThat(s.prometheusUrl()).isEqualTo(URI.create("http://file-prometheus:9090"));
        assertThat(s.dataDir()).isEqualTo(Path.of("/var/lib/prometheus/metrics2"));
        assertThat(s.source()).isEqualTo("from-file");
        assertThat(s.zstdLevel()).isEqualTo(7);
        assertThat(s.stateDir()).isEqualTo(Path.of("/var/lib/promdr"));
        assertThat(s.jobRepository().url()).isEqualTo("jdbc:postgresql://db:5432/promdr");
        assertThat(s.jobRepository().username()).isEqualTo("promdr");
        assertThat(s.jobRepository().password()).isEqualTo("db-secret-value");
        assertThat(s.kubernetes()).isEqualTo(new KubernetesConfig("/etc/promdr/kube/prod", "prod-eu", "monitoring",
                "registry.example/promdr:0.1.0", "promdr"));
    }

    @Test
    void defaultsApplyWithoutFileOrEnvironment() {
        Settings s = SettingsResolver.resolve(null, PromdrConfig.empty(), Map.of("HOME", "/users/ops"));

        assertThat(s.repositoryUri()).isNull();
        assertThat(s.source()).isEqualTo("default");
        assertThat(s.zstdLevel()).isEqualTo(3);
        assertThat(s.stateDir()).isEqualTo(Path.of("/users/ops/.local/state/promdr"));
        assertThat(s.s3()).isEqualTo(io.promdr.core.store.S3Settings.defaults());
        assertThat(s.jobRepository()).isNull();
    }

    @Test
    void stateDirFollowsXdgStateHomeThenPromdrStateDir() {
        Map<String, String> xdg = Map.of("HOME", "/users/ops", "XDG_STATE_HOME", "/xdg/state");
        assertThat(SettingsResolver.resolve(null, PromdrConfig.empty(), xdg).stateDir()).isEqualTo(Path.of("/xdg/state/promdr"));

        Map<String, String> explicit = Map.of("HOME", "/users/ops", "XDG_STATE_HOME", "/xdg/state", "PROMDR_STATE_DIR", "/srv/promdr");
        assertThat(SettingsResolver.resolve(null, PromdrConfig.empty(), explicit).stateDir()).isEqualTo(Path.of("/srv/promdr"));
    }

    @Test
    void environmentOverridesTheFileAndTheCommandLineOverridesBoth() throws IOException {
        Path file = write(FULL);
        Map<String, String> env = Map.ofEntries(
                Map.entry("PROMDR_REPOSITORY", "s3://env-bucket/p"),
                Map.entry("PROMDR_PROMETHEUS_URL", "http://env-prometheus:9090"),
                Map.entry("PROMDR_DATA_DIR", "/env/data"),
                Map.entry("PROMDR_SOURCE", "from-env"),
                Map.entry("PROMDR_STATE_DIR", "/env/state"),
                Map.entry("PROMDR_S3_ENDPOINT", "http://env-s3:9000"),
                Map.entry("PROMDR_S3_REGION", "us-east-2"),
                Map.entry("PROMDR_S3_PATH_STYLE", "false"),
                Map.entry("PROMDR_JOB_REPOSITORY_URL", "jdbc:postgresql://env-db/promdr"),
                Map.entry("PROMDR_JOB_REPOSITORY_USERNAME", "env-user"),
                Map.entry("PROMDR_JOB_REPOSITORY_PASSWORD", "env-password"));

        Settings fromEnv = SettingsResolver.resolve(file, PromdrConfig.empty(), env);
        assertThat(fromEnv.repositoryUri()).isEqualTo("s3://env-bucket/p");
        assertThat(fromEnv.prometheusUrl()).isEqualTo(URI.create("http://env-prometheus:9090"));
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/env/data"));
        assertThat(fromEnv.source()).isEqualTo("from-env");
        assertThat(fromEnv.stateDir()).isEqualTo(Path.of("/env/state"));
        assertThat(fromEnv.s3().endpoint()).isEqualTo(URI.create("http://env-s3:9000"));
        assertThat(fromEnv.s3().region()).isEqualTo("us-east-2");
        assertThat(fromEnv.s3().pathStyle()).isFalse();
        assertThat(fromEnv.jobRepository().url()).isEqualTo("jdbc:postgresql://env-db/promdr");
        assertThat(fromEnv.jobRepository().username()).isEqualTo("env-user");
        assertThat(fromEnv.jobRepository().password()).isEqualTo("env-password");
        // Not overridable from the environment: still the file's values.
        assertThat(fromEnv.s3().accessKeyId()).isEqualTo("AKIAFILEKEY");
        assertThat(fromEnv.zstdLevel()).isEqualTo(7);

        PromdrConfig commandLine = new PromdrConfig(new RepositoryConfig("file:///cli/repo", null),
                new PrometheusConfig("http://cli-prometheus:9090", "/cli/data"), "from-cli", null, "/cli/state", null, null, null);
        Settings fromCli = SettingsResolver.resolve(file, commandLine, env);
        assertThat(fromCli.repositoryUri()).isEqualTo("file:///cli/repo");
        assertThat(fromCli.prometheusUrl()).isEqualTo(URI.create("http://cli-prometheus:9090"));
        assertThat(fromCli.dataDir()).isEqualTo(Path.of("/cli/data"));
        assertThat(fromCli.source()).isEqualTo("from-cli");
        assertThat(fromCli.stateDir()).isEqualTo(Path.of("/cli/state"));
        assertThat(fromCli.s3().region()).isEqualTo("us-east-2");
    }

    private static final String TWO_SOURCES = """
            sources:
              prod-eu:
                prometheus:
                  url: http://prom-eu:9090
                  dataDir: /data/eu
              prod-us:
                prometheus:
                  url: http://prom-us:9090
                  dataDir: /data/us
            """;

    @Test
    void sourceOptionSelectsAConfiguredSourceAndItsPrometheus() throws IOException {
        Path file = write(TWO_SOURCES);
        Settings s = SettingsResolver.resolve(file, sourceLayer("prod-us"), Map.of());

        assertThat(s.requireSource()).isEqualTo("prod-us");
        assertThat(s.prometheusUrl()).isEqualTo(URI.create("http://prom-us:9090"));
        assertThat(s.dataDir()).isEqualTo(Path.of("/data/us"));
        assertThat(s.configuredSources()).containsExactly("prod-eu", "prod-us");

        // The Prometheus options of the command line and the environment apply to the selected source.
        Settings overridden = SettingsResolver.resolve(file, sourceLayer("prod-eu"), Map.of("PROMDR_DATA_DIR", "/env/data"));
        assertThat(overridden.prometheusUrl()).isEqualTo(URI.create("http://prom-eu:9090"));
        assertThat(overridden.dataDir()).isEqualTo(Path.of("/env/data"));
    }

    @Test
    void severalSourcesWithoutAChoiceAskForOneAndTheFilesDefaultChoosesIt() throws IOException {
        Settings none = SettingsResolver.resolve(write(TWO_SOURCES), PromdrConfig.empty(), Map.of());
        assertThat(none.source()).isNull();
        assertThatThrownBy(none::requireSource).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.userMessage()).isEqualTo("several sources are configured [prod-eu, prod-us] and none is chosen"
                    + " — hint: pass --source NAME, or set source: in the config (or PROMDR_SOURCE)");
        });

        Settings chosen = SettingsResolver.resolve(write("source: prod-eu\n" + TWO_SOURCES), PromdrConfig.empty(), Map.of());
        assertThat(chosen.requireSource()).isEqualTo("prod-eu");
        assertThat(chosen.prometheusUrl()).isEqualTo(URI.create("http://prom-eu:9090"));

        Settings only = SettingsResolver.resolve(write("sources:\n  solo:\n    prometheus:\n      url: http://solo:9090\n"),
                PromdrConfig.empty(), Map.of());
        assertThat(only.requireSource()).isEqualTo("solo");
        assertThat(only.prometheusUrl()).isEqualTo(URI.create("http://solo:9090"));
    }

    @Test
    void aSourceThatIsNotConfiguredIsRefusedForBackupButNamesTheConfiguredOnes() throws IOException {
        Path file = write(TWO_SOURCES);
        Settings s = SettingsResolver.resolve(file, sourceLayer("prod-eux"), Map.of());
        // list, show and restore may name any source of the repository; only backup needs a configured one.
        assertThat(s.source()).isEqualTo("prod-eux");
        assertThatThrownBy(s::requireSource).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).isEqualTo("source prod-eux is not configured");
            assertThat(e.hint()).startsWith("use one of [prod-eu, prod-us] (sources: in ");
        });
        assertThatThrownBy(s::requirePrometheusUrl).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.hint()).contains("sources.prod-eux.prometheus.url"));
    }

    @Test
    void sourcesAreCheckedWhenTheFileIsRead() throws IOException {
        assertConfigError(TWO_SOURCES + "prometheus:\n  url: http://x:9090\n", "prometheus: cannot be combined with sources:");
        assertConfigError("source: nowhere\n" + TWO_SOURCES,
                "source: \"nowhere\" is not one of the configured sources [prod-eu, prod-us]");
        assertConfigError("sources:\n  Bad Name:\n    prometheus:\n      url: http://x:9090\n",
                "sources.Bad Name: is not a valid source name");
        assertConfigError("sources:\n  a:\n    prometheus:\n      url: ftp://x\n", "prometheus.url: \"ftp://x\" is not an http(s) URL");
    }

    private static PromdrConfig sourceLayer(String source) {
        return new PromdrConfig(null, null, source, null, null, null, null, null);
    }

    @Test
    void promdrConfigNamesTheFileWhenNoConfigOptionIsGiven() throws IOException {
        Path file = write("source: via-env-file\n");
        Settings s = SettingsResolver.resolve(null, PromdrConfig.empty(), Map.of("PROMDR_CONFIG", file.toString()));
        assertThat(s.source()).isEqualTo("via-env-file");
        assertThat(s.configFile()).isEqualTo(file);
    }

    @Test
    void emptyEnvironmentValuesCountAsUnset() throws IOException {
        Settings s = SettingsResolver.resolve(write(FULL), PromdrConfig.empty(), Map.of("PROMDR_REPOSITORY", "", "PROMDR_SOURCE", " "));
        assertThat(s.repositoryUri()).isEqualTo("s3://file-bucket/prefix");
        assertThat(s.source()).isEqualTo("from-file");
    }

    @Test
    void missingRepositoryIsAUsageErrorNamingWhereToSetIt() {
        Settings s = SettingsResolver.resolve(null, PromdrConfig.empty(), Map.of());
        assertThatThrownBy(s::requireRepositoryUri)
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.userMessage()).isEqualTo("no repository given — hint: pass --repository or set "
                            + "repository.uri in the config (or PROMDR_REPOSITORY)");
                });
    }

    @Test
    void secretsAreMaskedInToString() throws IOException {
        Settings s = SettingsResolver.resolve(write(FULL), PromdrConfig.empty(), Map.of());
        PromdrConfig raw = ConfigFileReader.read(write(FULL));

        for (String text : new String[] {s.toString(), raw.toString(), s.s3().toString(), s.jobRepository().toString()}) {
            assertThat(text).doesNotContain("file-secret-value").doesNotContain("db-secret-value")
                    .doesNotContain("AKIAFILEKEY");
        }
        assertThat(raw.toString()).contains("secretAccessKey=***").contains("password=***");
    }

    @Test
    void badValuesAreConfigErrorsNamingTheKey() throws IOException {
        assertConfigError("compression:\n  level: 40\n", "compression.level: 40 is out of range");
        assertConfigError("source: Not Valid\n", "source: \"Not Valid\" is not a valid source name");
        assertConfigError("prometheus:\n  url: ftp://x\n", "prometheus.url: \"ftp://x\" is not an http(s) URL");
        assertConfigError("repository:\n  s3:\n    partSize: 1MiB\n", "repository.s3.partSize: 1MiB is out of range");
        assertConfigError("repository:\n  s3:\n    partSize: lots\n", "repository.s3.partSize: \"lots\" is not a size");
        // Above the 1 GiB the S3 store buffers at most: refused here, naming the key, not later by the store.
        assertConfigError("repository:\n  s3:\n    partSize: 2GiB\n", "repository.s3.partSize: 2GiB is out of range");
        assertConfigError("repository:\n  s3:\n    partSize: 999999999999999GiB\n",
                "repository.s3.partSize: \"999999999999999GiB\" is not a size");
        assertConfigError("repository:\n  s3:\n    accessKeyId: only-one\n", "repository.s3: sets only one of");
        assertConfigError("jobRepository:\n  url: jdbc:mysql://db/x\n", "jobRepository.url: jdbc:mysql://db/x is not a supported");
    }

    @Test
    void badBooleanInTheEnvironmentNamesTheVariable() {
        assertThatThrownBy(() -> SettingsResolver.resolve(null, PromdrConfig.empty(), Map.of("PROMDR_S3_PATH_STYLE", "maybe")))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("PROMDR_S3_PATH_STYLE=maybe");
                });
    }

    private void assertConfigError(String yaml, String message) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> SettingsResolver.resolve(file, PromdrConfig.empty(), Map.of()))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.hint()).isNotBlank();
                });
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "promdr", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
