package io.promdr.cli.config;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.prometheus.PrometheusAuth;
import io.promdr.core.prometheus.PrometheusSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The credential and TLS keys of docs/security.md, resolved into the settings the clients use. */
class SecuritySettingsTest {
    private static final String PASSWORD = "prom-basic-test-password";

    @TempDir
    Path dir;

    @Test
    void noKeysMeanNoCredentialsAndTheJdkTrust() throws IOException {
        Settings s = resolve("prometheus:\n  url: https://p:9090\n", Map.of());
        assertThat(s.prometheusSecurity().auth()).isEqualTo(PrometheusAuth.NONE);
        assertThat(s.prometheusSecurity().tls().isDefault()).isTrue();
        assertThat(s.s3().tls().isDefault()).isTrue();
        assertThat(InsecureTlsWarnings.of(s)).isEmpty();
    }

    @Test
    void basicAuthReadsThePasswordFileAtEveryRequestAndNeverShowsIt() throws IOException {
        Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        Settings s = resolve("""
                prometheus:
                  url: https://p:9090
                  basicAuth:
                    username: promdr
                    passwordFile: %s
                  tls:
                    caFile: /etc/promdr/ca.pem
                """.formatted(password), Map.of());
        PrometheusSecurity security = s.prometheusSecurity();
        assertThat(security.auth().authorization()).contains(basic("promdr", PASSWORD));
        Files.writeString(password, "rotated-password");
        assertThat(security.auth().authorization()).contains(basic("promdr", "rotated-password"));
        assertThat(security.tls().caFile()).isEqualTo(Path.of("/etc/promdr/ca.pem"));
        assertThat(security.tls().configKey()).isEqualTo("prometheus.tls");
        assertThat(s.toString()).doesNotContain(PASSWORD).doesNotContain("rotated-password");
        assertThat(security.auth().describe()).isEqualTo("basic auth as promdr, password from prometheus.basicAuth.passwordFile ("
                + password + ")");
    }

    @Test
    void theEnvironmentPasswordWinsOverTheFile() throws IOException {
        Settings s = resolve("prometheus:\n  url: https://p:9090\n  basicAuth:\n    username: promdr\n    passwordFile: /nowhere\n",
                Map.of("PROMDR_PROMETHEUS_PASSWORD", PASSWORD));
        assertThat(s.prometheusSecurity().auth().authorization()).contains(basic("promdr", PASSWORD));
        assertThat(s.prometheusSecurity().auth().describe()).endsWith("password from PROMDR_PROMETHEUS_PASSWORD");
    }

    @Test
    void eachSourceHasItsOwnKeysUnderItsName() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "prom-bearer-token-one");
        String yaml = """
                sources:
                  edge:
                    prometheus:
                      url: https://edge:9091
                      bearerTokenFile: %s
                      tls:
                        insecureSkipVerify: true
                  core:
                    prometheus:
                      url: http://core:9090
                """.formatted(token);
        Settings edge = SettingsResolver.resolve(write(yaml), new PromdrConfig(null, null, "edge", null, null, null, null, null),
                Map.of());
        assertThat(edge.prometheusSecurity().auth().authorization()).contains("Bearer prom-bearer-token-one");
        assertThat(edge.prometheusSecurity().configKey()).isEqualTo("sources.edge.prometheus");
        assertThat(InsecureTlsWarnings.of(edge)).containsExactly("warning: TLS certificate verification of Prometheus is off"
                + " (sources.edge.prometheus.tls.insecureSkipVerify: true): anyone on the network path can read and change the traffic");
        Settings core = SettingsResolver.resolve(write(yaml), new PromdrConfig(null, null, "core", null, null, null, null, null),
                Map.of());
        assertThat(core.prometheusSecurity().auth()).isEqualTo(PrometheusAuth.NONE);
        assertThat(InsecureTlsWarnings.of(core)).isEmpty();
    }

    @Test
    void contradictionsAreConfigErrorsNamingTheKey() {
        assertInvalid("prometheus:\n  bearerTokenFile: /t\n  basicAuth:\n    username: u\n    passwordFile: /p\n", Map.of(),
                "prometheus: sets both bearerTokenFile and basicAuth");
        assertInvalid("prometheus:\n  basicAuth:\n    username: u\n", Map.of(),
                "prometheus.basicAuth.passwordFile: is not set");
        assertInvalid("prometheus:\n  url: http://p:9090\n", Map.of("PROMDR_PROMETHEUS_PASSWORD", PASSWORD),
                "prometheus.basicAuth.username: is not set but a password is");
        assertInvalid("prometheus:\n  tls:\n    caFile: /ca.pem\n    insecureSkipVerify: true\n", Map.of(),
                "prometheus.tls: sets both caFile and insecureSkipVerify");
        assertInvalid("repository:\n  uri: s3://b\n  s3:\n    caFile: /ca.pem\n    insecureSkipVerify: true\n", Map.of(),
                "repository.s3: sets both caFile and insecureSkipVerify");
    }

    @Test
    void s3AndPushgatewayTlsKeys() throws IOException {
        Settings s = resolve("""
                repository:
                  uri: s3://bucket
                  s3:
                    endpoint: https://minio:9000
                    caFile: /etc/promdr/minio-ca.pem
                metrics:
                  pushgateway:
                    url: https://pushgateway:9091
                    insecureSkipVerify: true
                """, Map.of());
        assertThat(s.s3().tls().caFile()).isEqualTo(Path.of("/etc/promdr/minio-ca.pem"));
        assertThat(s.s3().tls().configKey()).isEqualTo("repository.s3");
        assertThat(s.metrics().pushgateway().tls().insecureSkipVerify()).isTrue();
        assertThat(InsecureTlsWarnings.of(s)).containsExactly("warning: TLS certificate verification of the Pushgateway is off"
                + " (metrics.pushgateway.insecureSkipVerify: true): anyone on the network path can read and change the traffic");
    }

    private void assertInvalid(String yaml, Map<String, String> env, String message) {
        assertThatThrownBy(() -> resolve(yaml, env)).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.getMessage() + e.hint()).doesNotContain(PASSWORD);
        });
    }

    private Settings resolve(String yaml, Map<String, String> env) throws IOException {
        return SettingsResolver.resolve(write(yaml), PromdrConfig.empty(), env);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "promdr-", ".yaml"), yaml);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }
}
