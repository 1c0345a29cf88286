package io.promdr.cli.config;

import io.promdr.cli.schedule.ScheduledJobKinds;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.schedules.JobKind;
import io.promdr.schedules.ScheduleSpec;
import io.promdr.schedules.cron.CronSchedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Validates {@code schedules:} and {@code scheduler:} when the configuration is loaded, so that a
 * bad entry fails every command at once rather than the scheduler at 2 a.m.: the name, the cron
 * expression and time zone (90), the source (91), the job kind (92) and its parameters (90).
 */
final class ScheduleResolver {
    /** Schedule names become Quartz job names and Kubernetes CronJob names ("promdr-" + name, at most 52 characters). */
    private static final String NAME = "[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?";

    private ScheduleResolver() {
    }

    /**
     * @param defaultSource the configuration's selected source, used by entries without {@code source:}; may be null
     * @param configured    the names under {@code sources:}; empty for a file that describes one Prometheus
     */
    static ScheduleSettings resolve(Map<String, ScheduleConfig> entries, SchedulerConfig scheduler, String defaultSource,
                                    List<String> configured) {
        List<ScheduleSpec> specs = new ArrayList<>();
        if (entries != null) {
            entries.forEach((name, entry) -> specs.add(spec(name, entry, defaultSource, configured)));
        }
        SchedulerConfig s = scheduler == null ? new SchedulerConfig(null, null, null) : scheduler;
        int port = s.port() == null ? ScheduleSettings.DEFAULT_PORT : s.port();
        if (port < 0 || port > 65535) {
            throw SettingsResolver.invalid("scheduler.port", port + " is not a port", "use 1-65535, or 0 for any free port");
        }
        int threads = s.threads() == null ? ScheduleSettings.DEFAULT_THREADS : s.threads();
        if (threads < 1 || threads > 16) {
            throw SettingsResolver.invalid("scheduler.threads", threads + " is out of range", "use 1 to 16 (default 2)");
        }
        String address = s.address() == null || s.address().isBlank() ? ScheduleSettings.DEFAULT_ADDRESS : s.address().trim();
        return new ScheduleSettings(specs, address, port, threads);
    }

    private static ScheduleSpec spec(String name, ScheduleConfig entry, String defaultSource, List<String> configured) {
        String key = "schedules." + name;
        if (!name.matches(NAME)) {
            throw new PromdrException(ErrorCode.SCHEDULE_INVALID, key + ": \"" + name + "\" is not a valid schedule name",
                    "use 1-40 lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        if (entry == null) {
            throw new PromdrException(ErrorCode.SCHEDULE_JOB_UNKNOWN, key + ": is empty", "set at least job: backup or job: drill");
        }
        JobKind kind = kind(entry.job(), key);
        String source = source(entry.source(), defaultSource, configured, key);
        Map<String, String> parameters = entry.parameters() == null ? Map.of() : entry.parameters();
        for (String parameter : new TreeSet<>(parameters.keySet())) {
            if (!kind.parameterNames().contains(parameter)) {
                throw new PromdrException(ErrorCode.SCHEDULE_INVALID, key + ".parameters." + parameter + ": unknown parameter of a "
                        + kind.name() + " schedule", kind.parameterNames().isEmpty() ? "a " + kind.name() + " takes no parameters"
                        : "known parameters: " + new TreeSet<>(kind.parameterNames()));
            }
            if (parameters.get(parameter) == null) {
                throw new PromdrException(ErrorCode.SCHEDULE_INVALID, key + ".parameters." + parameter + ": has no value",
                        "give a value or remove the parameter");
            }
        }
        String cron = entry.cron() == null ? kind.defaultCron() : entry.cron();
        return new ScheduleSpec(name, CronSchedule.parse(cron, entry.timeZone(), key + ".cron"), kind.name(), source, parameters);
    }

    private static JobKind kind(String job, String key) {
        if (job == null || job.isBlank()) {
            throw new PromdrException(ErrorCode.SCHEDULE_JOB_UNKNOWN, key + ".job: is not set",
                    "use one of " + ScheduledJobKinds.names());
        }
        Optional<? extends JobKind> kind = ScheduledJobKinds.find(job.trim());
        if (kind.isPresent()) {
            return kind.get();
        }
        if (job.trim().equals("prune")) {
            throw new PromdrException(ErrorCode.SCHEDULE_JOB_UNKNOWN, key + ".job: prune cannot be scheduled by this version of promdr",
                    "schedule one of " + ScheduledJobKinds.names() + " for now; see docs/scheduling.md");
        }
        throw new PromdrException(ErrorCode.SCHEDULE_JOB_UNKNOWN, key + ".job: \"" + job + "\" is not a job promdr can schedule",
                "use one of " + ScheduledJobKinds.names());
    }

    private static String source(String source, String defaultSource, List<String> configured, String key) {
        if (source == null) {
            if (defaultSource == null) {
                throw new PromdrException(ErrorCode.SCHEDULE_SOURCE_UNKNOWN, key + ".source: is not set and several sources are configured "
                        + configured, "set source: in the entry, or a default source: at the top of the config");
            }
            return defaultSource;
        }
        if (configured.isEmpty() ? !source.equals(defaultSource) : !configured.contains(source)) {
            throw new PromdrException(ErrorCode.SCHEDULE_SOURCE_UNKNOWN, key + ".source: \"" + source + "\" is not a configured source",
                    configured.isEmpty() ? "this config describes one Prometheus, source \"" + defaultSource + "\"; use it or leave source: unset"
                            : "use one of " + configured + " (sources: in the config)");
        }
        return source;
    }
}
