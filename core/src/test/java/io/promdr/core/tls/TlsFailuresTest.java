package io.promdr.core.tls;

import io.promdr.core.tls.TlsFailures.TlsProblem;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure chains the JDK and Apache clients raise, as the ITs met them, and what each is called. */
class TlsFailuresTest {
    @Test
    void anUnknownCaIsAFailedPathBuild() {
        SSLHandshakeException e = handshake("PKIX path building failed",
                new CertPathBuilderException("unable to find valid certification path to requested target"));
        assertThat(TlsFailures.of(new IOException(e))).contains(TlsProblem.UNKNOWN_CA);
    }

    @Test
    void anExpiredCertificateWinsOverTheFailedValidationAroundIt() {
        SSLHandshakeException e = handshake("PKIX path validation failed",
                new CertPathValidatorException("validity check failed", new CertificateExpiredException("NotAfter: ...")));
        assertThat(TlsFailures.of(e)).contains(TlsProblem.EXPIRED);
    }

    @Test
    void hostNameMismatchesOfTheJdkAndOfApache() {
        assertThat(TlsFailures.of(handshake("No subject alternative names matching IP address 127.0.0.1 found",
                new CertificateException("No subject alternative names matching IP address 127.0.0.1 found"))))
                .contains(TlsProblem.HOSTNAME_MISMATCH);
        assertThat(TlsFailures.of(new SSLPeerUnverifiedException(
                "Certificate for <127.0.0.1> doesn't match any of the subject alternative names: [elsewhere.invalid]")))
                .contains(TlsProblem.HOSTNAME_MISMATCH);
    }

    @Test
    void aPlainHttpServerAndOtherHandshakeFailures() {
        assertThat(TlsFailures.of(new SSLException("Unsupported or unrecognized SSL message"))).contains(TlsProblem.NOT_TLS);
        assertThat(TlsFailures.of(new SSLHandshakeException("Received fatal alert: handshake_failure"))).contains(TlsProblem.OTHER);
    }

    @Test
    void notATlsFailureAtAll() {
        assertThat(TlsFailures.of(new ConnectException("Connection refused"))).isEmpty();
        assertThat(TlsFailures.of(new IOException("reset"))).isEmpty();
    }

    @Test
    void hintsNameTheConfigurationKey() {
        assertThat(TlsProblem.UNKNOWN_CA.hint("repository.s3")).startsWith("set repository.s3.caFile to the PEM file");
    }

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }
}
