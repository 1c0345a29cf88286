package io.promdr.core.tls;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Optional;

/**
 * Tells why a TLS connection failed, in words a user can act on: the server's certificate is
 * not signed by a trusted CA, does not name the host, has expired, or the server does not speak TLS.
 */
public final class TlsFailures {
    private TlsFailures() {
    }

    /**
     * What went wrong, when {@code failure} (or a cause) is a TLS failure; empty otherwise. The
     * whole cause chain is looked at first: an expired certificate arrives wrapped in a failed
     * path validation, which must not read as an unknown CA.
     */
    public static Optional<TlsProblem> of(Throwable failure) {
        SSLException ssl = null;
        boolean expired = false;
        boolean hostname = false;
        boolean unknownCa = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException e && ssl == null) {
                ssl = e;
            }
            expired |= t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException;
            hostname |= contains(t, "No subject alternative") || contains(t, "No name matching")
                    || contains(t, "doesn't match any of the subject alternative names");
            unknownCa |= t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || contains(t, "unable to find valid certification path");
        }
        if (expired) {
            return Optional.of(TlsProblem.EXPIRED);
        }
        if (hostname || ssl instanceof SSLPeerUnverifiedException) {
            return Optional.of(TlsProblem.HOSTNAME_MISMATCH);
        }
        if (unknownCa) {
            return Optional.of(TlsProblem.UNKNOWN_CA);
        }
        if (ssl == null) {
            return Optional.empty();
        }
        if (contains(ssl, "Unsupported or unrecognized SSL message") || contains(ssl, "plaintext connection")) {
            return Optional.of(TlsProblem.NOT_TLS);
        }
        return Optional.of(TlsProblem.OTHER);
    }

    private static boolean contains(Throwable t, String text) {
        return t.getMessage() != null && t.getMessage().contains(text);
    }

    /** The kinds of TLS failure, each with its description and hint. */
    public enum TlsProblem {
        UNKNOWN_CA("the server's certificate is not signed by a trusted CA",
                "set %s.caFile to the PEM file of the CA that signed it (or fix the server's certificate chain)"),
        HOSTNAME_MISMATCH("the server's certificate does not name the host of the URL",
                "use the host name the certificate was issued for, or reissue the certificate with this host in its subjectAltName (%s)"),
        EXPIRED("the server's certificate has expired or is not valid yet",
                "renew the server's certificate, and check the clocks (%s)"),
        NOT_TLS("the server does not speak TLS on this port",
                "use http:// for this server, or its HTTPS port (%s)"),
        OTHER("the TLS handshake failed",
                "check the server's TLS setup and %s (rerun with -v for the cause)");

        private final String description;
        private final String hint;

        TlsProblem(String description, String hint) {
            this.description = description;
            this.hint = hint;
        }

        public String description() {
            return description;
        }

        /** The hint, naming the configuration key of the TLS options (e.g. {@code prometheus.tls}). */
        public String hint(String configKey) {
            return hint.formatted(configKey);
        }
    }
}
