package io.promdr.schedules.quartz;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * How the Quartz scheduler of {@code promdr schedule run} is built.
 *
 * @param dataSource       the job repository database; Quartz keeps its triggers there ({@code QRTZ_*})
 * @param clustered        true on PostgreSQL: replicas share the triggers and each firing runs once
 * @param instanceId       this replica's name in the cluster (unique per process)
 * @param threads          how many schedules may run at the same time
 * @param misfireThreshold how late a firing may start before it counts as missed (then: fire once now)
 * @param clusterCheckin   how often a replica tells the others it is alive; a replica silent for
 *                         about this plus 7.5 s is considered dead and its running jobs are taken over
 */
public record SchedulerOptions(DataSource dataSource, boolean clustered, String instanceId, int threads,
                               Duration misfireThreshold, Duration clusterCheckin) {
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CLUSTER_CHECKIN = Duration.ofSeconds(15);
    public static final int DEFAULT_THREADS = 2;
}
