package io.promdr.cli.config;

import java.util.Map;

/**
 * One entry of {@code schedules:} as written in the file (docs/scheduling.md); validated into an
 * {@link io.promdr.schedules.ScheduleSpec} by {@link ScheduleResolver}.
 *
 * @param cron       5-field Unix cron ({@code "0 2 * * *"}), a macro ({@code @daily}) or Quartz' 6-7 fields;
 *                   unset: the job kind's default
 * @param timeZone   IANA zone the cron fields are read in; unset: UTC
 * @param job        backup or drill (prune once available)
 * @param source     the source the job works on; unset: the configuration's selected source
 * @param parameters job-kind options, e.g. {@code scratchDir} of a drill
 */
public record ScheduleConfig(String cron, String timeZone, String job, String source, Map<String, String> parameters) {
}
