package io.promdr.cli.config;

/**
 * {@code prometheus:} the server to back up.
 *
 * @param url             base URL of Prometheus (its admin API must be enabled)
 * @param dataDir         Prometheus' {@code --storage.tsdb.path} as seen by promdr
 * @param bearerTokenFile a file holding a bearer token sent as {@code Authorization: Bearer}, read at every request
 *                        (a Kubernetes service-account token rotates); exclusive with basicAuth
 * @param basicAuth       HTTP basic auth (docs/security.md)
 * @param tls             how an https URL's certificate is checked
 */
public record PrometheusConfig(String url, String dataDir, String bearerTokenFile, BasicAuthConfig basicAuth,
                               TlsConfig tls) {

    /** A layer without credentials or TLS settings. */
    public PrometheusConfig(String url, String dataDir) {
        this(url, dataDir, null, null, null);
    }

    static PrometheusConfig merge(PrometheusConfig lower, PrometheusConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new PrometheusConfig(Layers.pick(lower.url, higher.url), Layers.pick(lower.dataDir, higher.dataDir),
                Layers.pick(lower.bearerTokenFile, higher.bearerTokenFile),
                BasicAuthConfig.merge(lower.basicAuth, higher.basicAuth), TlsConfig.merge(lower.tls, higher.tls));
    }
}
