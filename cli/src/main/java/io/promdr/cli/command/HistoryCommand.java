package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.cli.jobs.JobContext;
import io.promdr.cli.jobs.JobHistory;
import io.promdr.cli.jobs.JobRun;
import io.promdr.cli.output.HumanFormat;
import io.promdr.cli.output.JsonOutput;
import io.promdr.cli.output.TextTable;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/** {@code promdr history}: past job runs from the job repository, newest first. */
@Command(name = "history", sortOptions = false,
        description = {"Show past runs of backup, restore and drill jobs from the job history database, newest first.",
                "The history is local to the job repository (jobRepository, or the state directory)."})
final class HistoryCommand extends PromdrSubcommand {

    @Option(names = "--job", paramLabel = "JOB", description = "Only runs of this job: backup, restore or drill.")
    String job;

    @Option(names = "--source", paramLabel = "NAME", description = "Only runs of this source.")
    String source;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, or json (schema in docs/cli.md). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Override
    void run() {
        if (job != null && !JobHistory.JOBS.contains(job)) {
            throw new PromdrException(ErrorCode.USAGE, "--job \"" + job + "\" is not a promdr job", "use one of " + JobHistory.JOBS);
        }
        if (limit < 1) {
            throw new PromdrException(ErrorCode.USAGE, "--limit " + limit + " is not positive", "give a number of runs, e.g. --limit 50");
        }
        String sourceFilter = SourceOption.validated(source);
        Settings settings = root.settings(PromdrConfig.empty());
        List<JobRun> runs;
        try (JobContext jobs = JobContext.start(settings)) {
            runs = jobs.history().runs(job, sourceFilter, limit);
        }
        if (output == OutputFormat.json) {
            JsonOutput.print(out(), runs);
        } else if (runs.isEmpty()) {
            say("no job runs recorded" + (settings.jobRepository() == null ? " in " + settings.stateDir() : ""));
        } else {
            HumanFormat format = humanFormat();
            TextTable table = new TextTable("ID", "JOB", "STATUS", "SOURCE", "STARTED", "DURATION", "BYTES", "BACKUP");
            for (JobRun r : runs) {
                table.row(Long.toString(r.id()), r.job(), r.status(), orDash(r.source()),
                        r.startedAt() == null ? "-" : format.time(r.startedAt()),
                        r.durationMs() == null ? "-" : HumanFormat.duration(Duration.ofMillis(r.durationMs())),
                        r.bytes() == null ? "-" : HumanFormat.bytes(r.bytes()), orDash(r.backupId()));
            }
            table.print(out());
        }
        out().flush();
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
