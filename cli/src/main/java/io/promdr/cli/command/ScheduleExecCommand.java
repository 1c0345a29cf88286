package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.cli.jobs.JobContext;
import io.promdr.cli.schedule.CliScheduledRunner;
import io.promdr.cli.schedule.JobRuntime;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.schedules.RunResult;
import io.promdr.schedules.ScheduleSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code promdr schedule exec [NAME]}: run one schedule's job now and exit with its exit code.
 * What the rendered Kubernetes CronJobs run (NAME from {@code PROMDR_SCHEDULE}).
 */
@Command(name = "exec", description = {"Run the job of one schedule now, once, and exit with its exit code.",
        "What the CronJobs of `promdr k8s render` run, with PROMDR_SCHEDULE naming the schedule."})
final class ScheduleExecCommand extends PromdrSubcommand {
    static final String SCHEDULE_ENV = "PROMDR_SCHEDULE";

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The schedule (default: $PROMDR_SCHEDULE).")
    String name;

    @Override
    void run() {
        String scheduleName = name != null ? name : root.environment().env().get(SCHEDULE_ENV);
        if (scheduleName == null || scheduleName.isBlank()) {
            throw new PromdrException(ErrorCode.USAGE, "no schedule given", "pass NAME or set " + SCHEDULE_ENV + " (see `promdr schedule list`)");
        }
        Settings settings = root.settings(PromdrConfig.empty());
        settings.requireRepositoryUri();
        ScheduleSpec schedule = settings.schedules().require(scheduleName.trim());
        var bySource = ScheduleSources.resolve(root, List.of(schedule));
        RunResult result;
        try (JobContext jobs = JobContext.start(settings)) {
            result = new CliScheduledRunner(new JobRuntime(jobs, bySource, line -> {
                err().println(line);
                err().flush();
            })).runOnce(schedule);
        }
        say("schedule " + schedule.name() + ": " + result.summary());
    }
}
