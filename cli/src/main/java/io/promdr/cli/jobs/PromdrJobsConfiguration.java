package io.promdr.cli.jobs;

import io.promdr.backup.BackupJobConfiguration;
import io.promdr.backup.prune.PruneJobConfiguration;
import io.promdr.cli.config.Settings;
import io.promdr.cli.logging.JobMdcRegistrar;
import io.promdr.core.progress.ProgressListener;
import org.springframework.beans.factory.ObjectProvider;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.restore.RestoreJobConfiguration;
import io.promdr.restore.drill.DrillJobConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Everything the backup, restore and drill jobs need: batch infrastructure, the jobs, and the configured repository. */
@Configuration(proxyBeanMethods = false)
@Import({BatchInfrastructureConfiguration.class, BackupJobConfiguration.class, RestoreJobConfiguration.class,
        DrillJobConfiguration.class, PruneJobConfiguration.class})
class PromdrJobsConfiguration {

    /** Every job's log lines carry its job id, source and backup id (--log-format json shows them). */
    @Bean
    static JobMdcRegistrar jobMdcRegistrar() {
        return new JobMdcRegistrar();
    }

    /** Opens the repository of the settings; jobs get it here, never through (persisted) job parameters. */
    @Bean
    SettingsRepositoryProvider repositoryProvider(Settings settings, ObjectProvider<ProgressListener> progress) {
        return new SettingsRepositoryProvider(settings, progress.getIfAvailable(() -> ProgressListener.NONE));
    }

    /** How the jobs' calls to Prometheus retry transient failures (the repository's store retries on its own). */
    @Bean
    RetryPolicy retryPolicy(Settings settings) {
        return settings.retry();
    }
}
