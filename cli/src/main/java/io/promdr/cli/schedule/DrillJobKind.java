package io.promdr.cli.schedule;

import io.promdr.cli.config.DrillSettings;
import io.promdr.cli.config.Settings;
import io.promdr.cli.output.DrillReportView;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.metrics.DrillMetrics;
import io.promdr.restore.drill.DrillReport;
import io.promdr.restore.drill.DrillRequest;
import io.promdr.schedules.RunResult;
import io.promdr.schedules.ScheduleSpec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code job: drill}: {@code promdr drill <backup> --source <source>}. Parameters {@code backup}
 * (an id, a prefix or {@code latest}, the default) and {@code scratchDir} (overrides
 * {@code drill.scratchDir}). Default cron: Sundays at 05:00, after the night's backup.
 */
final class DrillJobKind implements ScheduledJobKind {
    static final String BACKUP = "backup";
    static final String SCRATCH_DIR = "scratchDir";

    @Override
    public String name() {
        return "drill";
    }

    @Override
    public String defaultCron() {
        return "0 5 * * 0";
    }

    @Override
    public Set<String> parameterNames() {
        return Set.of(BACKUP, SCRATCH_DIR);
    }

    @Override
    public RunResult run(ScheduleSpec schedule, JobRuntime runtime) {
        Settings settings = runtime.settings(schedule.source());
        DrillSettings drill = settings.drill();
        DrillRequest request = new DrillRequest(schedule.parameter(BACKUP, "latest"), schedule.source(),
                scratch(schedule, drill.scratchDir()), drill.prometheusBinary(), drill.readyTimeout(), drill.queryTimeout());
        Instant start = Instant.now();
        DrillReport report;
        try {
            report = runtime.jobs().drillService().drill(request);
        } catch (PromdrException e) {
            runtime.publish(settings, p -> p.drillFinished(DrillMetrics.failed(schedule.source(), Instant.now(),
                    Duration.between(start, Instant.now()))));
            throw e;
        }
        runtime.publish(settings, p -> p.drillFinished(DrillReportView.metrics(report)));
        if (!report.passed()) {
            throw new PromdrException(ErrorCode.DRILL_FAILED, "drill of backup " + report.backupId() + " failed: "
                    + report.failures().size() + " problem(s)", "run `promdr drill " + report.backupId()
                    + "` to read the report; docs/runbooks/restore-drill.md");
        }
        return new RunResult(report.backupId(), report.restoredBytes(), "drill of backup " + report.backupId() + " passed, RTO "
                + Math.round(report.rtoSeconds()) + " s");
    }

    private static Path scratch(ScheduleSpec schedule, Path configured) {
        String text = schedule.parameter(SCRATCH_DIR, null);
        if (text == null) {
            return configured;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new PromdrException(ErrorCode.SCHEDULE_INVALID, "schedules." + schedule.name() + ".parameters." + SCRATCH_DIR
                    + ": \"" + text + "\" is not a path", "give a directory path");
        }
    }
}
