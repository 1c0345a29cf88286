package io.promdr.cli.schedule;

import io.promdr.cli.config.Settings;
import io.promdr.cli.jobs.JobContext;
import io.promdr.cli.metrics.MetricsPush;
import io.promdr.core.metrics.JobMetricsPublisher;

import java.util.Map;
import java.util.function.Consumer;

/**
 * What scheduled runs share in one promdr process: the job context (Spring Batch jobs on the job
 * repository), the settings of each source the schedules name (resolved once, at start-up, so
 * that a missing Prometheus URL fails then and not at the first firing), and where warnings go.
 */
public final class JobRuntime {
    private final JobContext jobs;
    private final Map<String, Settings> settingsBySource;
    private final Consumer<String> warnings;

    public JobRuntime(JobContext jobs, Map<String, Settings> settingsBySource, Consumer<String> warnings) {
        this.jobs = jobs;
        this.settingsBySource = Map.copyOf(settingsBySource);
        this.warnings = warnings;
    }

    /** Prints a warning line where the scheduler's output goes. */
    public void warn(String line) {
        warnings.accept(line);
    }

    public JobContext jobs() {
        return jobs;
    }

    /** The settings of a source the schedules name (the key is always present: resolved at start-up). */
    public Settings settings(String source) {
        Settings s = settingsBySource.get(source);
        if (s == null) {
            throw new IllegalStateException("no settings resolved for source " + source);
        }
        return s;
    }

    /**
     * Pushes job metrics when a Pushgateway is configured (a CronJob's only metrics). A push that
     * fails is a warning: the run's own result is what counts.
     */
    public void publish(Settings settings, Consumer<JobMetricsPublisher> push) {
        // Always a warning here (runFailed = true): a scheduled run's result is its job's, not the push's.
        new MetricsPush(settings.metrics(), warnings).publish(true, push);
    }
}
