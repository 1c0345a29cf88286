package io.promdr.cli.config;

import io.promdr.core.metrics.PushgatewaySettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Validates the {@code drill:} and {@code metrics:} layers for {@link SettingsResolver}; bad values raise CONFIG_INVALID naming the key. */
final class DrillMetricsResolver {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Labels promdr sets itself on every pushed group. */
    private static final Set<String> RESERVED_LABELS = Set.of("job", "source");

    private DrillMetricsResolver() {
    }

    static DrillSettings drill(DrillConfig c) {
        DrillConfig d = c == null ? new DrillConfig(null, null, null, null) : c;
        Path scratch = d.scratchDir() == null ? Path.of(System.getProperty("java.io.tmpdir"))
                : SettingsResolver.path(d.scratchDir(), "drill.scratchDir");
        Path binary = d.prometheusBinary() == null ? null : SettingsResolver.path(d.prometheusBinary(), "drill.prometheusBinary");
        return new DrillSettings(scratch.toAbsolutePath(), binary,
                duration(d.readyTimeout(), "drill.readyTimeout", Duration.ofMinutes(5)),
                duration(d.queryTimeout(), "drill.queryTimeout", Duration.ofMinutes(2)));
    }

    static MetricsSettings metrics(MetricsConfig c) {
        PushgatewayConfig p = c == null ? null : c.pushgateway();
        if (p == null || p.url() == null || p.url().isBlank()) {
            if (p != null && (p.username() != null || p.groupingLabels() != null)) {
                throw SettingsResolver.invalid("metrics.pushgateway.url", "is not set but other pushgateway keys are",
                        "set the Pushgateway's URL (or PROMDR_PUSHGATEWAY_URL), or remove metrics.pushgateway");
            }
            return MetricsSettings.none();
        }
        URI url = SettingsResolver.httpUrl(p.url(), "metrics.pushgateway.url");
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw SettingsResolver.invalid("metrics.pushgateway.url", "has a query or fragment",
                    "give the Pushgateway's base URL, e.g. http://pushgateway:9091");
        }
        String job = p.job() == null ? PushgatewaySettings.DEFAULT_JOB : p.job().trim();
        if (job.isEmpty()) {
            throw SettingsResolver.invalid("metrics.pushgateway.job", "is empty", "leave it out for the default, promdr");
        }
        if (p.password() != null && p.username() == null) {
            throw SettingsResolver.invalid("metrics.pushgateway", "sets a password without a username",
                    "set metrics.pushgateway.username too");
        }
        return new MetricsSettings(new PushgatewaySettings(url, job, labels(p.groupingLabels()), p.username(), p.password(),
                duration(p.timeout(), "metrics.pushgateway.timeout", PushgatewaySettings.DEFAULT_TIMEOUT),
                SecurityResolver.tls(p.caFile(), p.insecureSkipVerify(), PushgatewaySettings.TLS_KEY)),
                Boolean.TRUE.equals(p.required()));
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        Map<String, String> checked = new TreeMap<>();
        if (labels == null) {
            return checked;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String name = label.getKey();
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__") || RESERVED_LABELS.contains(name)) {
                throw SettingsResolver.invalid("metrics.pushgateway.groupingLabels", "has label name \"" + name
                        + "\", which is not a label promdr may set", "use names of letters, digits and _, not job, source or __*");
            }
            if (label.getValue() == null || label.getValue().isBlank()) {
                throw SettingsResolver.invalid("metrics.pushgateway.groupingLabels." + name, "is empty", "give it a value");
            }
            checked.put(name, label.getValue());
        }
        return checked;
    }

    private static Duration duration(String text, String key, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        return Durations.parse(text).orElseThrow(() -> SettingsResolver.invalid(key, "\"" + text + "\" is not a duration",
                "use a positive number with ms, s, m or h, e.g. 30s, 5m or 1h30m"));
    }
}
