package io.promdr.cli.schedule;

import io.promdr.schedules.JobKind;
import io.promdr.schedules.RunResult;
import io.promdr.schedules.ScheduleSpec;

/**
 * A job kind the CLI can schedule: its definition (name, default cron, parameters) and how to run
 * it with the CLI's Spring Batch jobs. To add one (prune), write one class implementing this and
 * add it to {@link ScheduledJobKinds#ALL}.
 */
public interface ScheduledJobKind extends JobKind {
    /** Runs the job of {@code schedule} once, synchronously; throws a PromdrException when it fails. */
    RunResult run(ScheduleSpec schedule, JobRuntime runtime);
}
