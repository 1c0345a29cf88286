package io.promdr.schedules;

/**
 * Runs the job of a schedule once, synchronously, in the calling thread (the port between the
 * scheduler and the jobs; the CLI implements it with the Spring Batch jobs).
 *
 * <p>A run that fails throws: the scheduler records the failure in its metrics and log, and
 * fires again at the next time. Implementations must be safe to call from several threads at
 * once for different schedules; the scheduler never runs one schedule twice at the same time.
 */
@FunctionalInterface
public interface ScheduledRunner {
    RunResult run(ScheduleSpec schedule, Firing firing) throws Exception;
}
