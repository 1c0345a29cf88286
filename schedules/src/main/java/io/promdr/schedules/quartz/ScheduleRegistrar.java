package io.promdr.schedules.quartz;

import io.promdr.schedules.ScheduleSpec;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * Makes the job store hold exactly the configured schedules. A trigger whose cron expression and
 * time zone are unchanged is kept as stored, with its next fire time: that is how a firing missed
 * while every replica was down is noticed at start-up (Quartz then applies the misfire rule,
 * {@link CronTrigger#MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}: run once now, then follow the cron).
 */
public final class ScheduleRegistrar {
    public static final String GROUP = "promdr";
    private static final Logger log = LoggerFactory.getLogger(ScheduleRegistrar.class);

    private ScheduleRegistrar() {
    }

    public static void sync(Scheduler scheduler, List<ScheduleSpec> schedules) throws SchedulerException {
        Set<String> names = schedules.stream().map(ScheduleSpec::name).collect(Collectors.toSet());
        for (JobKey stored : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!names.contains(stored.getName())) {
                log.info("Schedule {} is no longer configured: removed from the scheduler", stored.getName());
                scheduler.deleteJob(stored);
            }
        }
        for (ScheduleSpec spec : schedules) {
            Trigger existing = scheduler.getTrigger(triggerKey(spec.name()));
            if (existing instanceof CronTrigger cron && cron.getCronExpression().equals(spec.cron().quartz())
                    && cron.getTimeZone().getID().equals(spec.cron().zone().getId())
                    && cron.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW) {
                continue;
            }
            scheduler.scheduleJob(job(spec), Set.of(trigger(spec)), true);
        }
    }

    public static TriggerKey triggerKey(String schedule) {
        return TriggerKey.triggerKey(schedule, GROUP);
    }

    private static JobDetail job(ScheduleSpec spec) {
        return JobBuilder.newJob(RunScheduleJob.class)
                .withIdentity(JobKey.jobKey(spec.name(), GROUP))
                .withDescription(spec.job() + " of " + spec.source())
                .usingJobData(RunScheduleJob.SCHEDULE, spec.name())
                // A replica that dies mid-run: another one runs the firing again (a backup rerun reuses the uploaded blocks).
                .requestRecovery(true)
                .build();
    }

    private static Trigger trigger(ScheduleSpec spec) {
        return TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(spec.name()))
                .withSchedule(CronScheduleBuilder.cronSchedule(spec.cron().toQuartzExpression())
                        .inTimeZone(TimeZone.getTimeZone(spec.cron().zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
