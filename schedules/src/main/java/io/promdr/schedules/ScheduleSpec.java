package io.promdr.schedules;

import io.promdr.schedules.cron.CronSchedule;

import java.util.Map;

/**
 * One validated entry of {@code schedules:}: what runs (a job kind on a source, with its
 * parameters) and when (a cron expression in a time zone). The same spec drives the in-process
 * Quartz scheduler and the rendered Kubernetes CronJob.
 *
 * @param name       the key under {@code schedules:}; also the Quartz job name and the CronJob name suffix
 * @param job        the job kind, a name registered in the {@link JobKind} list
 * @param source     the source the job works on (the backup's source, the drill's source for "latest")
 * @param parameters job-kind parameters, already checked against {@link JobKind#parameterNames()}
 */
public record ScheduleSpec(String name, CronSchedule cron, String job, String source, Map<String, String> parameters) {
    public ScheduleSpec {
        parameters = Map.copyOf(parameters);
    }

    /** A parameter, or the default when the entry does not set it. */
    public String parameter(String key, String defaultValue) {
        return parameters.getOrDefault(key, defaultValue);
    }
}
