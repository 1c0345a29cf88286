package io.promdr.cli.config;

import io.promdr.core.metrics.PushgatewaySettings;

/**
 * The effective {@code metrics:} settings.
 *
 * @param pushgateway null when no Pushgateway is configured
 * @param required    a failed push fails the command instead of printing a warning
 */
public record MetricsSettings(PushgatewaySettings pushgateway, boolean required) {
    public static MetricsSettings none() {
        return new MetricsSettings(null, false);
    }
}
