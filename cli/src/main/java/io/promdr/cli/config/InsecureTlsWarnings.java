package io.promdr.cli.config;

import io.promdr.core.tls.TlsOptions;

import java.util.ArrayList;
import java.util.List;

/** The warning lines a run prints while certificate verification is switched off somewhere (insecureSkipVerify). */
public final class InsecureTlsWarnings {
    private InsecureTlsWarnings() {
    }

    /** One line per server kind whose verification is off; empty when all are verified. */
    public static List<String> of(Settings settings) {
        List<String> lines = new ArrayList<>();
        add(lines, settings.prometheusSecurity().tls(), "Prometheus");
        add(lines, settings.s3().tls(), "S3");
        if (settings.metrics().pushgateway() != null) {
            add(lines, settings.metrics().pushgateway().tls(), "the Pushgateway");
        }
        return lines;
    }

    private static void add(List<String> lines, TlsOptions tls, String server) {
        if (tls.insecureSkipVerify()) {
            lines.add("warning: TLS certificate verification of " + server + " is off (" + tls.configKey()
                    + ".insecureSkipVerify: true): anyone on the network path can read and change the traffic");
        }
    }
}
