package io.promdr.cli.jobs;

import io.promdr.backup.BackupService;
import io.promdr.backup.prune.PruneService;
import io.promdr.cli.config.Settings;
import io.promdr.core.progress.ProgressListener;
import io.promdr.restore.RestoreService;
import io.promdr.restore.drill.DrillService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The Spring context of the commands that run Spring Batch jobs (backup, restore, drill). Started only
 * by those commands, so that {@code --help}, {@code list} and {@code show} stay instant and work
 * without a job database. Plain Spring, no Spring Boot application: no banner, no startup log, no
 * auto-configuration (the beans are listed explicitly in {@link PromdrJobsConfiguration}), logging
 * left to promdr.
 */
public final class JobContext implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private JobContext(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static JobContext start(Settings settings) {
        return start(settings, ProgressListener.NONE);
    }

    /** The context whose jobs report the block bytes they move to {@code progress}. */
    public static JobContext start(Settings settings, ProgressListener progress) {
        // A plain annotation context, not SpringApplication: nothing here is auto-configured, and Spring Boot's
        // start-up (environment post-processors, config data, logging system, ~400 classes) cost about a CPU-second.
        // No shutdown hook either: on SIGTERM/SIGINT the JVM exits at once (status 143/130) instead of closing the
        // context under the running job; the backup job removes its snapshot from its own hook.
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getBeanFactory().registerSingleton("promdrSettings", settings);
        context.getBeanFactory().registerSingleton("promdrProgress", progress);
        context.register(PromdrJobsConfiguration.class);
        context.refresh();
        return new JobContext(context);
    }

    public BackupService backupService() {
        return context.getBean(BackupService.class);
    }

    public RestoreService restoreService() {
        return context.getBean(RestoreService.class);
    }

    public DrillService drillService() {
        return context.getBean(DrillService.class);
    }

    /** Past runs from the job repository ({@code promdr history}). */
    public JobHistory history() {
        return new JobHistory(context.getBean(org.springframework.batch.core.repository.JobRepository.class),
                java.time.ZoneId.systemDefault());
    }

    public PruneService pruneService() {
        return context.getBean(PruneService.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
