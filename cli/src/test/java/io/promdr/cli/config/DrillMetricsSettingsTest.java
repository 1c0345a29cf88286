package io.promdr.cli.config;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.metrics.PushgatewaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drill: and metrics: keys of promdr.yaml and their PROMDR_* variables. */
class DrillMetricsSettingsTest {
    private static final String FULL = """
            drill:
              scratchDir: /srv/drills
              prometheusBinary: /opt/prometheus/prometheus
              readyTimeout: 10m
              queryTimeout: 1h30m
            metrics:
              pushgateway:
                url: https://pushgateway.monitoring:9091/push
                job: promdr-eu
                groupingLabels:
                  cluster: eu-1
                username: pusher
                password: pushgateway-secret-value
                timeout: 20s
                required: true
            """;

    @TempDir
    Path dir;

    @Test
    void readsEveryDrillAndMetricsKey() throws IOException {
        Settings s = SettingsResolver.resolve(write(FULL), PromdrConfig.empty(), Map.of());

        assertThat(s.drill()).isEqualTo(new DrillSettings(Path.of("/srv/drills"), Path.of("/opt/prometheus/prometheus"),
                Duration.ofMinutes(10), Duration.ofMinutes(90)));
        PushgatewaySettings p = s.metrics().pushgateway();
        assertThat(p.url()).isEqualTo(URI.create("https://pushgateway.monitoring:9091/push"));
        assertThat(p.job()).isEqualTo("promdr-eu");
        assertThat(p.groupingLabels()).containsExactly(Map.entry("cluster", "eu-1"));
        assertThat(p.username()).isEqualTo("pusher");
        assertThat(p.password()).isEqualTo("pushgateway-secret-value");
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.metrics().required()).isTrue();
        assertThat(s.toString()).doesNotContain("pushgateway-secret-value").contains("password=***");
    }

    @Test
    void defaultsWithoutTheKeys() {
        Settings s = SettingsResolver.resolve(null, PromdrConfig.empty(), Map.of());

        assertThat(s.drill().scratchDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        assertThat(s.drill().prometheusBinary()).isNull();
        assertThat(s.drill().readyTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.drill().queryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.metrics()).isEqualTo(MetricsSettings.none());
    }

    @Test
    void theEnvironmentOverridesTheFileAndTheCommandLineTheEnvironment() throws IOException {
        Map<String, String> env = Map.of("PROMDR_PUSHGATEWAY_URL", "http://env-gateway:9091",
                "PROMDR_PUSHGATEWAY_PASSWORD", "env-secret", "PROMDR_DRILL_SCRATCH_DIR", "/env/scratch",
                "PROMDR_PROMETHEUS_BINARY", "prometheus-3");
        PromdrConfig commandLine = new PromdrConfig(null, null, null, null, null, null, null, null,
                new DrillConfig("/cli/scratch", null, null, null), null);

        Settings s = SettingsResolver.resolve(write(FULL), commandLine, env);

        assertThat(s.metrics().pushgateway().url()).isEqualTo(URI.create("http://env-gateway:9091"));
        assertThat(s.metrics().pushgateway().password()).isEqualTo("env-secret");
        assertThat(s.metrics().pushgateway().job()).isEqualTo("promdr-eu");
        assertThat(s.drill().scratchDir()).isEqualTo(Path.of("/cli/scratch"));
        assertThat(s.drill().prometheusBinary()).isEqualTo(Path.of("prometheus-3"));
    }

    @Test
    void badValuesNameTheKeyAndNeverShowTheSecret() throws IOException {
        assertInvalid("metrics:\n  pushgateway:\n    url: http://user:pass@gw:9091\n",
                "metrics.pushgateway.url: contains credentials in the URL");
        assertInvalid("metrics:\n  pushgateway:\n    url: ftp://gw\n", "metrics.pushgateway.url: \"ftp://gw\" is not an http(s) URL");
        assertInvalid("metrics:\n  pushgateway:\n    url: http://gw:9091\n    groupingLabels:\n      source: x\n",
                "metrics.pushgateway.groupingLabels: has label name \"source\", which is not a label promdr may set");
        assertInvalid("metrics:\n  pushgateway:\n    url: http://gw:9091\n    password: only-a-password\n",
                "metrics.pushgateway: sets a password without a username");
        assertInvalid("metrics:\n  pushgateway:\n    username: u\n", "metrics.pushgateway.url: is not set but other pushgateway keys are");
        assertInvalid("metrics:\n  pushgateway:\n    url: http://gw:9091\n    timeout: 0s\n",
                "metrics.pushgateway.timeout: \"0s\" is not a duration");
        assertInvalid("drill:\n  queryTimeout: 5 minutes\n", "drill.queryTimeout: \"5 minutes\" is not a duration");
    }

    private void assertInvalid(String yaml, String message) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> SettingsResolver.resolve(file, PromdrConfig.empty(), Map.of()))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.getMessage() + e.hint()).doesNotContain("only-a-password").doesNotContain("pass@");
                });
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "promdr-", ".yaml"), yaml);
    }
}
