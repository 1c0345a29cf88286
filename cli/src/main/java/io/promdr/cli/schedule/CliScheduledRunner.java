package io.promdr.cli.schedule;

import io.promdr.schedules.Firing;
import io.promdr.schedules.RunResult;
import io.promdr.schedules.ScheduleSpec;
import io.promdr.schedules.ScheduledRunner;

/** Runs a schedule's job with the job kind it names. */
public final class CliScheduledRunner implements ScheduledRunner {
    private final JobRuntime runtime;

    public CliScheduledRunner(JobRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public RunResult run(ScheduleSpec schedule, Firing firing) {
        return runOnce(schedule);
    }

    /** Runs the job now, outside any scheduler ({@code promdr schedule exec}). */
    public RunResult runOnce(ScheduleSpec schedule) {
        ScheduledJobKind kind = ScheduledJobKinds.find(schedule.job())
                .orElseThrow(() -> new IllegalStateException("validated job kind unknown: " + schedule.job()));
        return kind.run(schedule, runtime);
    }
}
