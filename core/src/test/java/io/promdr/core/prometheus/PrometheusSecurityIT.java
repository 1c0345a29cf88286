package io.promdr.core.prometheus;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.core.testing.BearerTokenProxy;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.PrometheusWebConfig;
import io.promdr.core.testing.TestCertificates;
import io.promdr.core.tls.TlsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin client against real Prometheus servers run with {@code --web.config.file}: basic auth
 * over TLS with a test CA, a certificate for another host, and (Prometheus has no bearer auth of
 * its own) a bearer-token proxy in front of a plain one, whose token rotates.
 */
class PrometheusSecurityIT {
    static final String USER = "promdr-backup";
    static final String PASSWORD = "prom-basic-test-password";
    static final String TOKEN = "prom-bearer-token-one";
    static final String ROTATED_TOKEN = "prom-bearer-token-two";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path shared;

    static TestCertificates certs;
    static PrometheusServer secured;
    static PrometheusServer wrongHost;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(shared.resolve("tls"));
        secured = PrometheusServer.builder(shared.resolve("secured"))
                .webConfig(PrometheusWebConfig.create().tls(certs, certs.server()).basicAuth(USER, PASSWORD)).start();
        wrongHost = PrometheusServer.builder(shared.resolve("wrong-host"))
                .webConfig(PrometheusWebConfig.create().tls(certs, certs.wrongHost())).start();
    }

    @AfterAll
    static void stop() {
        for (PrometheusServer server : new PrometheusServer[] {secured, wrongHost}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void basicAuthOverTlsWithTheCaFile() throws IOException {
        PrometheusAdminClient client = client(secured.baseUrl(), basic(PASSWORD), trusting(certs.caFile()));
        assertThat(client.version()).hasValueSatisfying(v -> assertThat(v).startsWith("2."));
        assertThat(client.adminApiEnabled()).contains(true);
    }

    @Test
    void aWrongPasswordIsAnAuthFailureThatDoesNotShowIt() throws IOException {
        PrometheusAdminClient client = client(secured.baseUrl(), basic("prom-wrong-test-password"), trusting(certs.caFile()));
        assertThatThrownBy(client::version).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_AUTH_FAILED);
            assertThat(e.getMessage()).isEqualTo("Prometheus at " + secured.baseUrl() + " answered HTTP 401: it refused basic auth as "
                    + USER + ", password from prometheus.basicAuth.passwordFile (" + dir.resolve("password") + ")");
            assertThat(e.hint()).contains("prometheus.basicAuth").contains("prometheus.bearerTokenFile");
        });
        PrometheusAdminClient anonymous = client(secured.baseUrl(), PrometheusAuth.NONE, trusting(certs.caFile()));
        assertThatThrownBy(anonymous::version).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_AUTH_FAILED);
            assertThat(e.getMessage()).endsWith("answered HTTP 401: it requires credentials and none are configured");
        });
    }

    @Test
    void anUnknownCaIsATlsFailureWithTheCaFileHint() {
        for (TlsOptions tls : new TlsOptions[] {TlsOptions.defaults(PrometheusSecurity.TLS_KEY), trusting(certs.otherCaFile())}) {
            PrometheusAdminClient client = new PrometheusAdminClient(secured.baseUrl(), TIMEOUT, RetryPolicy.NONE,
                    new PrometheusSecurity(PrometheusAuth.NONE, tls));
            assertThatThrownBy(client::version).isInstanceOfSatisfying(PromdrException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_TLS_FAILED);
                assertThat(e.getMessage()).isEqualTo("TLS connection to Prometheus at " + secured.baseUrl()
                        + " failed: the server's certificate is not signed by a trusted CA");
                assertThat(e.hint()).startsWith("set prometheus.tls.caFile to the PEM file of the CA");
            });
        }
    }

    @Test
    void aCertificateForAnotherHostIsAHostNameMismatch() {
        PrometheusAdminClient client = new PrometheusAdminClient(wrongHost.baseUrl(), TIMEOUT, RetryPolicy.NONE,
                new PrometheusSecurity(PrometheusAuth.NONE, trusting(certs.caFile())));
        assertThatThrownBy(client::version).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_TLS_FAILED);
            assertThat(e.getMessage()).endsWith("failed: the server's certificate does not name the host of the URL");
        });
        // insecureSkipVerify checks neither the CA nor the host name.
        PrometheusAdminClient insecure = new PrometheusAdminClient(wrongHost.baseUrl(), TIMEOUT, RetryPolicy.NONE,
                new PrometheusSecurity(PrometheusAuth.NONE, new TlsOptions(null, true, PrometheusSecurity.TLS_KEY)));
        assertThat(insecure.version()).isPresent();
    }

    @Test
    void plainHttpToTheTlsPortSaysSo() {
        URI http = URI.create("http://127.0.0.1:" + secured.port());
        PrometheusAdminClient client = client(http, PrometheusAuth.NONE, TlsOptions.defaults(PrometheusSecurity.TLS_KEY));
        // Prometheus answers plain HTTP on its TLS port with 400 "Client sent an HTTP request to an HTTPS server".
        assertThat(client.version()).isEmpty();
    }

    @Test
    void theBearerTokenFileIsReadAgainForEveryRequest() throws IOException {
        try (PrometheusServer plain = PrometheusServer.start(dir.resolve("plain"));
             BearerTokenProxy proxy = BearerTokenProxy.start(plain.baseUrl(), TOKEN)) {
            Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
            PrometheusAdminClient client = client(proxy.url(), PrometheusAuth.bearerToken(
                    Secret.fromFile(tokenFile, "prometheus.bearerTokenFile")), TlsOptions.defaults(PrometheusSecurity.TLS_KEY));
            assertThat(client.version()).isPresent();
            assertThat(client.createSnapshot(true)).isNotBlank();

            // The kubelet rotates the projected token: the proxy accepts only the new one, the file holds it.
            proxy.acceptOnly(ROTATED_TOKEN);
            Files.writeString(tokenFile, ROTATED_TOKEN);
            assertThat(client.version()).isPresent();
            assertThat(proxy.refused()).isZero();

            Files.writeString(tokenFile, "");
            assertThatThrownBy(client::version).isInstanceOfSatisfying(PromdrException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                assertThat(e.getMessage()).isEqualTo("prometheus.bearerTokenFile: " + tokenFile + " is empty");
            });
            Files.writeString(tokenFile, TOKEN);
            assertThatThrownBy(client::version).isInstanceOfSatisfying(PromdrException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_AUTH_FAILED);
                assertThat(e.getMessage()).doesNotContain(TOKEN);
            });
        }
    }

    private PrometheusAuth basic(String password) throws IOException {
        Path file = Files.writeString(dir.resolve("password"), password + "\n");
        return PrometheusAuth.basic(USER, Secret.fromFile(file, "prometheus.basicAuth.passwordFile"));
    }

    private static TlsOptions trusting(Path caFile) {
        return new TlsOptions(caFile, false, PrometheusSecurity.TLS_KEY);
    }

    private static PrometheusAdminClient client(URI url, PrometheusAuth auth, TlsOptions tls) {
        return new PrometheusAdminClient(url, TIMEOUT, RetryPolicy.NONE, new PrometheusSecurity(auth, tls));
    }
}
