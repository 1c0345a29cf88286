package io.promdr.cli.config;

import java.util.Map;

/**
 * The content of {@code promdr.yaml} (docs/configuration.md), and also one layer of settings:
 * the same shape carries the file, the environment overrides and the command-line options, and
 * {@link #overlay} merges them (command line &gt; environment &gt; file &gt; defaults).
 *
 * <p>Every field is nullable: null means "not set in this layer". {@code sources} is set only by
 * the file; a layer that sets it replaces the whole map.
 */
public record PromdrConfig(
        RepositoryConfig repository,
        PrometheusConfig prometheus,
        String source,
        CompressionConfig compression,
        String stateDir,
        JobRepositoryConfig jobRepository,
        Map<String, SourceConfig> sources,
        KubernetesConfig kubernetes,
        DrillConfig drill,
        MetricsConfig metrics,
        Map<String, ScheduleConfig> schedules,
        SchedulerConfig scheduler,
        RetentionConfig retention,
        RetryConfig retry) {

    /** A layer without schedules, scheduler, retention and retry settings ({@code schedules} is set only by the file). */
    public PromdrConfig(RepositoryConfig repository, PrometheusConfig prometheus, String source,
                        CompressionConfig compression, String stateDir, JobRepositoryConfig jobRepository,
                        Map<String, SourceConfig> sources, KubernetesConfig kubernetes, DrillConfig drill,
                        MetricsConfig metrics) {
        this(repository, prometheus, source, compression, stateDir, jobRepository, sources, kubernetes, drill, metrics,
                null, null, null, null);
    }

    /** A layer without drill and metrics settings. */
    public PromdrConfig(RepositoryConfig repository, PrometheusConfig prometheus, String source,
                        CompressionConfig compression, String stateDir, JobRepositoryConfig jobRepository,
                        Map<String, SourceConfig> sources, KubernetesConfig kubernetes) {
        this(repository, prometheus, source, compression, stateDir, jobRepository, sources, kubernetes, null, null);
    }

    public static PromdrConfig empty() {
        return new PromdrConfig(null, null, null, null, null, null, null, null);
    }

    /** This layer with every value that {@code higher} sets replaced by it. */
    public PromdrConfig overlay(PromdrConfig higher) {
        if (higher == null) {
            return this;
        }
        return new PromdrConfig(
                RepositoryConfig.merge(repository, higher.repository),
                PrometheusConfig.merge(prometheus, higher.prometheus),
                Layers.pick(source, higher.source),
                CompressionConfig.merge(compression, higher.compression),
                Layers.pick(stateDir, higher.stateDir),
                JobRepositoryConfig.merge(jobRepository, higher.jobRepository),
                Layers.pick(sources, higher.sources),
                KubernetesConfig.merge(kubernetes, higher.kubernetes),
                DrillConfig.merge(drill, higher.drill),
                MetricsConfig.merge(metrics, higher.metrics),
                Layers.pick(schedules, higher.schedules),
                SchedulerConfig.merge(scheduler, higher.scheduler),
                RetentionConfig.merge(retention, higher.retention),
                RetryConfig.merge(retry, higher.retry));
    }
}
