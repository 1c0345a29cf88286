package io.promdr.schedules.quartz;

import io.promdr.schedules.Firing;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import java.time.Instant;

/**
 * The Quartz job of every schedule: hands the firing to the {@link FiringHandler} of this
 * scheduler. {@link DisallowConcurrentExecution} is what keeps two runs of one schedule from
 * overlapping, across replicas too (the job store keeps the rule): a firing due while the last
 * run still goes on waits, and counts as missed if it waits longer than the misfire threshold.
 */
@DisallowConcurrentExecution
public final class RunScheduleJob implements Job {
    /** The job data key of the schedule name. */
    static final String SCHEDULE = "schedule";
    /** The scheduler context key of the {@link FiringHandler}. */
    public static final String HANDLER = "promdr.firingHandler";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            FiringHandler handler = (FiringHandler) context.getScheduler().getContext().get(HANDLER);
            String schedule = context.getMergedJobDataMap().getString(SCHEDULE);
            Instant scheduled = scheduledAt(context);
            handler.fired(schedule, new Firing(scheduled, context.getFireTime().toInstant(), context.isRecovering(),
                    context.getScheduler().getSchedulerInstanceId()));
        } catch (SchedulerException e) {
            throw new JobExecutionException(e, false);
        }
    }

    /**
     * The firing's due time; for a recovery (the replica running it died), that of the original firing,
     * which Quartz keeps in the recovery trigger's job data.
     */
    private static Instant scheduledAt(JobExecutionContext context) {
        if (context.isRecovering()) {
            String original = context.getMergedJobDataMap().getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
            if (original != null) {
                return Instant.ofEpochMilli(Long.parseLong(original));
            }
        }
        return context.getScheduledFireTime() == null ? Instant.now() : context.getScheduledFireTime().toInstant();
    }

    /** What a scheduler does with a firing; never throws for a failed run (that is recorded, and the schedule goes on). */
    @FunctionalInterface
    public interface FiringHandler {
        void fired(String schedule, Firing firing);
    }
}
