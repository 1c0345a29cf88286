package io.promdr.cli.jobs;

import io.promdr.backup.BackupService;
import io.promdr.backup.prune.PruneService;
import io.promdr.cli.config.Settings;
import io.promdr.core.progress.ProgressListener;
import io.promdr.restore.RestoreService;
import io.promdr.restore.drill.DrillService;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring context of the commands that run Spring Batch jobs (backup, restore, drill). Started only
 * by those commands, so that {@code --help}, {@code list} and {@code show} stay instant and work
 * without a job database. Quiet: no banner, no startup log, no auto-configuration (the beans are
 * listed explicitly in {@link PromdrJobsConfiguration}), logging left to promdr.
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
        // Spring Boot would re-initialise logback from its own defaults (to stdout); promdr's logback.xml and
        // LogLevels already configured it.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PromdrJobsConfiguration.class)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .web(WebApplicationType.NONE)
                // No Spring shutdown hook: on SIGTERM/SIGINT the JVM exits at once (status 143/130) instead of closing
                // the context under the running job; the backup job removes its snapshot from its own hook.
                .registerShutdownHook(false)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("promdrSettings", settings))
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("promdrProgress", progress))
                .run();
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
