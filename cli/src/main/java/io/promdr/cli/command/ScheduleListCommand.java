package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.cli.output.JsonOutput;
import io.promdr.cli.output.TextTable;
import io.promdr.schedules.ScheduleSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** {@code promdr schedule list}: the configured schedules and when they run next (from the cron expressions alone). */
@Command(name = "list", description = "List the configured schedules and their next run times.")
final class ScheduleListCommand extends PromdrSubcommand {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, or json (schema in docs/cli.md). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Option(names = "--count", paramLabel = "N", defaultValue = "3", description = "Next run times per schedule in JSON. Default: ${DEFAULT-VALUE}.")
    int count;

    /** One schedule in {@code -o json}. */
    record ScheduleView(String name, String job, String source, String cron, String quartzCron, String kubernetesCron,
                        String timeZone, Map<String, String> parameters, List<Instant> nextRuns) {
    }

    @Override
    void run() {
        Settings settings = root.settings(PromdrConfig.empty());
        Instant now = root.environment().clock().instant();
        List<ScheduleView> views = settings.schedules().schedules().stream().map(s -> view(s, now)).toList();
        if (output == OutputFormat.json) {
            JsonOutput.print(out(), views);
        } else if (views.isEmpty()) {
            say("no schedules configured (schedules: in the config, docs/scheduling.md)");
        } else {
            TextTable table = new TextTable("NAME", "JOB", "SOURCE", "CRON", "TIME ZONE", "NEXT RUN");
            for (ScheduleSpec s : settings.schedules().schedules()) {
                List<Instant> next = s.cron().nextFireTimes(now, 1);
                table.row(s.name(), s.job(), s.source(), s.cron().expression(), s.cron().zone().getId(),
                        next.isEmpty() ? "never" : LOCAL.format(next.get(0).atZone(s.cron().zone())));
            }
            table.print(out());
        }
        out().flush();
    }

    private ScheduleView view(ScheduleSpec s, Instant now) {
        return new ScheduleView(s.name(), s.job(), s.source(), s.cron().expression(), s.cron().quartz(),
                s.cron().unix().orElse(null), s.cron().zone().getId(), s.parameters(), s.cron().nextFireTimes(now, Math.max(1, count)));
    }
}
