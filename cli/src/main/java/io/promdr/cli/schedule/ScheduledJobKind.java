package io.promdr.cli.schedule;

import io.promdr.cli.config.Settings;
import io.promdr.schedules.JobKind;
import io.promdr.schedules.RunResult;
import io.promdr.schedules.ScheduleSpec;

/**
 * A job kind the CLI can schedule: its definition (name, default cron, parameters) and how to run
 * it with the CLI's Spring Batch jobs. To add one, write one class implementing this and
 * add it to {@link ScheduledJobKinds#ALL}.
 */
public interface ScheduledJobKind extends JobKind {
    /**
     * Checks, when the scheduler starts, that the settings of the schedule's source hold what a run
     * needs (a backup: the Prometheus URL and data directory), so that a gap fails then, not at the first firing.
     */
    default void checkReady(Settings settings) {
    }

    /** Runs the job of {@code schedule} once, synchronously; throws a PromdrException when it fails. */
    RunResult run(ScheduleSpec schedule, JobRuntime runtime);
}
