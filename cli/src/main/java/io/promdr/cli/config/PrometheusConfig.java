package io.promdr.cli.config;

/**
 * {@code prometheus:} the server to back up.
 *
 * @param url     base URL of Prometheus (its admin API must be enabled)
 * @param dataDir Prometheus' {@code --storage.tsdb.path} as seen by promdr
 */
public record PrometheusConfig(String url, String dataDir) {

    static PrometheusConfig merge(PrometheusConfig lower, PrometheusConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new PrometheusConfig(Layers.pick(lower.url, higher.url), Layers.pick(lower.dataDir, higher.dataDir));
    }
}
