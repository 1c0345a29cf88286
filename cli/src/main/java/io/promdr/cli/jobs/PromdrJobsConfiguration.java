package io.promdr.cli.jobs;

import io.promdr.backup.BackupJobConfiguration;
import io.promdr.cli.config.Settings;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.restore.RestoreJobConfiguration;
import io.promdr.restore.drill.DrillJobConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Everything the backup, restore and drill jobs need: batch infrastructure, the jobs, and the configured repository. */
@Configuration(proxyBeanMethods = false)
@Import({BatchInfrastructureConfiguration.class, BackupJobConfiguration.class, RestoreJobConfiguration.class,
        DrillJobConfiguration.class})
class PromdrJobsConfiguration {

    /** Opens the repository of the settings; jobs get it here, never through (persisted) job parameters. */
    @Bean
    SettingsRepositoryProvider repositoryProvider(Settings settings) {
        return new SettingsRepositoryProvider(settings);
    }

    /** How the jobs' calls to Prometheus retry transient failures (the repository's store retries on its own). */
    @Bean
    RetryPolicy retryPolicy(Settings settings) {
        return settings.retry();
    }
}
