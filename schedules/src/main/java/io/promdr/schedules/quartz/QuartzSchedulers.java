package io.promdr.schedules.quartz;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.simpl.SimpleThreadPool;
import org.quartz.utils.DBConnectionManager;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the Quartz scheduler: a JDBC job store ({@code JobStoreTX}) in the job repository
 * database, clustered on PostgreSQL. A persistent store even for one process on the embedded
 * database is what lets a firing missed while promdr was down run at the next start-up.
 */
public final class QuartzSchedulers {
    /** The scheduler name shared by all replicas: Quartz' SCHED_NAME column. */
    public static final String SCHEDULER_NAME = "promdr";
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

    private QuartzSchedulers() {
    }

    /** Creates the tables if needed and a scheduler in standby (call {@code start()}). */
    public static Scheduler create(SchedulerOptions options) {
        QuartzSchema.Platform platform = QuartzSchema.ensure(options.dataSource());
        String dataSourceName = "promdr-" + DATA_SOURCES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName,
                new DataSourceConnectionProvider(options.dataSource()));
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER_NAME);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, options.instanceId());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.threadName", "promdr-scheduler");
        p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, SimpleThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(options.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "promdr-schedule");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, JobStoreTX.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", (platform == QuartzSchema.Platform.POSTGRESQL
                ? PostgreSQLDelegate.class : StdJDBCDelegate.class).getName());
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // Job data holds only strings (the schedule name): no Java serialisation in the database.
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(options.clustered()));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(options.clusterCheckin().toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(options.misfireThreshold().toMillis()));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        try {
            Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
            // Quartz keeps schedulers in a JVM-wide registry by name; replicas in one JVM (tests) must not find each other there.
            SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
            return scheduler;
        } catch (SchedulerException e) {
            throw new PromdrException(ErrorCode.SCHEDULER_STORE_UNAVAILABLE, "cannot start the scheduler: " + e.getMessage(),
                    "check the job repository database (jobRepository.url); rerun with -v for details", e);
        }
    }
}
