package io.promdr.cli.jobs;

import com.zaxxer.hikari.HikariDataSource;
import io.promdr.cli.config.Settings;

/**
 * The database the scheduler keeps its triggers in: the job repository's (embedded H2 under the
 * state directory, or PostgreSQL), through a pool of its own so that Quartz' housekeeping never
 * waits behind a job for a connection.
 */
public final class SchedulerStore {
    private SchedulerStore() {
    }

    public static HikariDataSource open(Settings settings) {
        return JobRepositoryDataSource.open(settings.jobRepository(), settings.stateDir());
    }

    /** Replicas can share the store only on PostgreSQL (the embedded database belongs to one process). */
    public static boolean clustered(Settings settings) {
        return settings.jobRepository() != null && settings.jobRepository().url().startsWith("jdbc:postgresql:");
    }
}
