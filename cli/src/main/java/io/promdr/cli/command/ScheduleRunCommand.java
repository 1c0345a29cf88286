package io.promdr.cli.command;

import com.zaxxer.hikari.HikariDataSource;
import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.ScheduleSettings;
import io.promdr.cli.config.Settings;
import io.promdr.cli.jobs.JobContext;
import io.promdr.cli.jobs.SchedulerStore;
import io.promdr.cli.schedule.CliScheduledRunner;
import io.promdr.cli.schedule.JobRuntime;
import io.promdr.schedules.ScheduleDaemon;
import io.promdr.schedules.ScheduleSpec;
import io.promdr.schedules.quartz.SchedulerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;

/**
 * {@code promdr schedule run}: the long-running scheduler. Runs until SIGTERM or Ctrl-C, then
 * stops firing and waits for the runs going on (a backup interrupted by the signal removes its
 * snapshot and commits nothing).
 */
@Command(name = "run", sortOptions = false,
        description = {"Run the configured schedules until stopped (SIGTERM, Ctrl-C).",
                "Serves /metrics and /healthz (default http://127.0.0.1:9465). With a PostgreSQL jobRepository,",
                "several replicas share the schedules and each firing runs once (docs/scheduling.md)."})
final class ScheduleRunCommand extends PromdrSubcommand {

    @Option(names = "--port", paramLabel = "PORT", description = "Port of /metrics and /healthz (overrides scheduler.port; 0: any free port).")
    Integer port;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "Address they listen on (overrides scheduler.address; default 127.0.0.1).")
    String address;

    @Option(names = "--instance-id", paramLabel = "ID", description = "This replica's name in a cluster (default: host name and process id).")
    String instanceId;

    @Override
    void run() throws Exception {
        Settings settings = root.settings(PromdrConfig.empty());
        settings.requireRepositoryUri();
        ScheduleSettings config = settings.schedules();
        List<ScheduleSpec> schedules = config.requireAny();
        var bySource = ScheduleSources.resolve(root, schedules);
        boolean clustered = SchedulerStore.clustered(settings);
        String id = instanceId != null ? instanceId : defaultInstanceId();
        try (JobContext jobs = JobContext.start(settings); HikariDataSource store = SchedulerStore.open(settings)) {
            JobRuntime runtime = new JobRuntime(jobs, bySource, this::warn);
            ScheduleDaemon daemon = ScheduleDaemon.start(schedules, new CliScheduledRunner(runtime),
                    new SchedulerOptions(store, clustered, id, config.threads(), SchedulerOptions.DEFAULT_MISFIRE_THRESHOLD,
                            SchedulerOptions.DEFAULT_CLUSTER_CHECKIN),
                    new ScheduleDaemon.Endpoint(address != null ? address : config.address(), port != null ? port : config.port()),
                    new ScheduleDaemon.RunLog() {
                        @Override
                        public void info(String line) {
                            say(Instant.now() + " " + line);
                        }

                        @Override
                        public void failure(String line) {
                            warn(Instant.now() + " " + line);
                        }
                    });
            Thread stopOnSignal = new Thread(daemon::stop, "promdr-scheduler-stop");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            say("scheduler " + id + " started with " + schedules.size() + " schedule(s)"
                    + (clustered ? ", clustered on the PostgreSQL job repository" : "")
                    + "; metrics on http://" + (address != null ? address : config.address()) + ":" + daemon.port() + "/metrics");
            daemon.nextFireTimes().forEach((name, next) -> say("  " + name + ": next run " + next));
            daemon.awaitStop();
        }
    }

    private void warn(String line) {
        err().println(line);
        err().flush();
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "promdr";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
