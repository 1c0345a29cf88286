package io.promdr.cli.config;

/** {@code metrics:} where promdr reports its jobs (docs/metrics.md). */
public record MetricsConfig(PushgatewayConfig pushgateway) {

    static MetricsConfig merge(MetricsConfig lower, MetricsConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new MetricsConfig(PushgatewayConfig.merge(lower.pushgateway, higher.pushgateway));
    }
}
