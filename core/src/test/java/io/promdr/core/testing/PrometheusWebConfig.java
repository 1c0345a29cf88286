package io.promdr.core.testing;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Prometheus' {@code --web.config.file} (exporter-toolkit): TLS with a {@link TestCertificates}
 * server certificate and/or HTTP basic auth for one user (stored as a bcrypt hash, as Prometheus
 * requires). Give it to {@link PrometheusServer.Builder#webConfig}; the harness then talks https
 * with the CA's trust and sends the credentials itself.
 */
public final class PrometheusWebConfig {
    private TestCertificates.Issued certificate;
    private SSLContext clientTrust;
    private String username;
    private String password;

    public static PrometheusWebConfig create() {
        return new PrometheusWebConfig();
    }

    /** Serve https with {@code certificate}; the harness trusts {@code certs}' CA. */
    public PrometheusWebConfig tls(TestCertificates certs, TestCertificates.Issued certificate) {
        this.certificate = certificate;
        this.clientTrust = certs.clientContext();
        return this;
    }

    /** Require basic auth of this one user. */
    public PrometheusWebConfig basicAuth(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    boolean tls() {
        return certificate != null;
    }

    Optional<SSLContext> clientTrust() {
        return Optional.ofNullable(clientTrust);
    }

    /** The Authorization header the harness sends, when basic auth is on. */
    Optional<String> authorization() {
        return username == null ? Optional.empty() : Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the file into {@code dir}; the password only as its bcrypt hash (cost 4: fast, it is a test). */
    Path write(Path dir) {
        StringBuilder yaml = new StringBuilder();
        if (certificate != null) {
            yaml.append("tls_server_config:\n  cert_file: ").append(certificate.certFile())
                    .append("\n  key_file: ").append(certificate.keyFile()).append('\n');
        }
        if (username != null) {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            yaml.append("basic_auth_users:\n  ").append(username).append(": '")
                    .append(OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 4)).append("'\n");
        }
        try {
            return Files.writeString(dir.resolve("web-config.yml"), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
