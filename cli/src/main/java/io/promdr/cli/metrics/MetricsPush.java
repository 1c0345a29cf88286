package io.promdr.cli.metrics;

import io.promdr.cli.config.MetricsSettings;
import io.promdr.core.error.PromdrException;
import io.promdr.core.metrics.JobMetricsPublisher;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Pushes a command's job metrics when a Pushgateway is configured. A push that fails is a warning
 * on stderr: the backup or drill itself is what the exit code reports. With
 * {@code metrics.pushgateway.required} a failed push after a successful run fails the command
 * (exit 14 or 15), so that a scheduler notices that alerting is blind.
 */
public final class MetricsPush {
    private final MetricsSettings settings;
    private final Consumer<String> warnings;

    public MetricsPush(MetricsSettings settings, PrintWriter err) {
        this(settings, line -> {
            err.println(line);
            err.flush();
        });
    }

    public MetricsPush(MetricsSettings settings, Consumer<String> warnings) {
        this.settings = settings;
        this.warnings = warnings;
    }

    /** Publishes the metrics of a run that succeeded (or whose failure is reported by its own exit code: {@code runFailed}). */
    public void publish(boolean runFailed, Consumer<JobMetricsPublisher> push) {
        if (settings.pushgateway() == null) {
            return;
        }
        try {
            push.accept(JobMetricsPublisher.of(settings.pushgateway()));
        } catch (PromdrException e) {
            if (settings.required() && !runFailed) {
                throw e;
            }
            warnings.accept("warning: metrics not pushed: " + e.userMessage());
        }
    }
}
