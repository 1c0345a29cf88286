package io.promdr.cli.config;

/**
 * {@code prometheus.tls:} how promdr checks an https server's certificate. Verification is on by
 * default against the JDK's trusted CAs.
 *
 * @param caFile             a PEM bundle (one or more CA certificates) trusted in addition to the JDK's
 * @param insecureSkipVerify true: no certificate or host name check at all (warned about at every run)
 */
public record TlsConfig(String caFile, Boolean insecureSkipVerify) {

    static TlsConfig merge(TlsConfig lower, TlsConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new TlsConfig(Layers.pick(lower.caFile, higher.caFile),
                Layers.pick(lower.insecureSkipVerify, higher.insecureSkipVerify));
    }
}
