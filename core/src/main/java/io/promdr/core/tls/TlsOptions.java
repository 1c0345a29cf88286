package io.promdr.core.tls;

import java.nio.file.Path;

/**
 * How promdr checks the certificate of one kind of HTTPS server (Prometheus, S3, Pushgateway).
 * Verification is on by default against the JDK's trusted CAs.
 *
 * @param caFile             PEM bundle (one or more certificates) trusted in addition to the JDK's CAs, or null
 * @param insecureSkipVerify no certificate or host name check at all: an explicit opt-out, warned about every run
 * @param configKey          where these options live in the configuration (e.g. {@code prometheus.tls}), for messages and hints
 */
public record TlsOptions(Path caFile, boolean insecureSkipVerify, String configKey) {

    /** Verification against the JDK's CAs only. */
    public static TlsOptions defaults(String configKey) {
        return new TlsOptions(null, false, configKey);
    }

    /** Whether the JDK's default TLS setup is enough (no CA file, verification on). */
    public boolean isDefault() {
        return caFile == null && !insecureSkipVerify;
    }
}
