package io.promdr.core.tls;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsContextsTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultIsTheJdkContext() throws NoSuchAlgorithmException {
        assertThat(TlsContexts.sslContext(TlsOptions.defaults("prometheus.tls"))).isSameAs(SSLContext.getDefault());
    }

    @Test
    void aCaFileIsTrustedOnTopOfTheJdkCas() {
        TestCertificates certs = TestCertificates.create(dir.resolve("tls"));
        TrustManager[] managers = TlsContexts.trustManagers(new TlsOptions(certs.caFile(), false, "prometheus.tls"));
        X509TrustManager trust = (X509TrustManager) managers[0];
        assertThat(trust.getAcceptedIssuers()).anySatisfy(ca -> assertThat(ca.getSubjectX500Principal().getName())
                .isEqualTo("CN=promdr test CA"));
        // The JDK's CAs are still there: public endpoints keep working.
        assertThat(trust.getAcceptedIssuers().length).isGreaterThan(1);
    }

    @Test
    void aMissingOrNonPemCaFileIsAConfigErrorNamingTheKey() throws IOException {
        assertThatThrownBy(() -> TlsContexts.sslContext(new TlsOptions(dir.resolve("missing.pem"), false, "repository.s3")))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).isEqualTo("repository.s3.caFile: " + dir.resolve("missing.pem")
                            + " is not a readable file");
                });
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        assertThatThrownBy(() -> TlsContexts.sslContext(new TlsOptions(notPem, false, "prometheus.tls")))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).startsWith("prometheus.tls.caFile: " + notPem + " is not a PEM certificate bundle");
                    assertThat(e.hint()).contains("BEGIN CERTIFICATE");
                });
    }
}
