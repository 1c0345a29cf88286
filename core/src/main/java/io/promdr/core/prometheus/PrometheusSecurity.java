package io.promdr.core.prometheus;

import io.promdr.core.tls.TlsOptions;

/**
 * The credentials and TLS trust promdr uses for one Prometheus (docs/security.md).
 *
 * @param auth how requests authenticate
 * @param tls  how the server's certificate is checked (https URLs only)
 */
public record PrometheusSecurity(PrometheusAuth auth, TlsOptions tls) {
    public static final String TLS_KEY = "prometheus.tls";
    /** No credentials, the JDK's trusted CAs. */
    public static final PrometheusSecurity NONE = new PrometheusSecurity(PrometheusAuth.NONE, TlsOptions.defaults(TLS_KEY));

    /** Where this Prometheus' settings live in the configuration ({@code prometheus} or {@code sources.<name>.prometheus}). */
    public String configKey() {
        String key = tls.configKey();
        return key.endsWith(".tls") ? key.substring(0, key.length() - ".tls".length()) : key;
    }
}
