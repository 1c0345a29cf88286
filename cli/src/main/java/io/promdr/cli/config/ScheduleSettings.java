package io.promdr.cli.config;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.schedules.ScheduleSpec;

import java.util.List;

/**
 * The validated {@code schedules:} and {@code scheduler:} settings.
 *
 * @param schedules the entries, in the file's order
 * @param address   where the scheduler's /metrics and /healthz listen
 * @param port      their port (0: any free one)
 * @param threads   how many schedules may run at once
 */
public record ScheduleSettings(List<ScheduleSpec> schedules, String address, int port, int threads) {
    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 9465;
    public static final int DEFAULT_THREADS = 2;

    public ScheduleSettings {
        schedules = List.copyOf(schedules);
    }

    public static ScheduleSettings none() {
        return new ScheduleSettings(List.of(), DEFAULT_ADDRESS, DEFAULT_PORT, DEFAULT_THREADS);
    }

    /** The schedule of that name, or SCHEDULE_NOT_FOUND naming the configured ones. */
    public ScheduleSpec require(String name) {
        return schedules.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new PromdrException(
                ErrorCode.SCHEDULE_NOT_FOUND, "no schedule named \"" + name + "\"",
                schedules.isEmpty() ? "add it under schedules: in the config (docs/scheduling.md)"
                        : "use one of " + schedules.stream().map(ScheduleSpec::name).toList() + " (`promdr schedule list`)"));
    }

    /** The schedules, or SCHEDULE_NOT_FOUND when there are none. */
    public List<ScheduleSpec> requireAny() {
        if (schedules.isEmpty()) {
            throw new PromdrException(ErrorCode.SCHEDULE_NOT_FOUND, "no schedules configured",
                    "add entries under schedules: in the config file (--config or PROMDR_CONFIG); see docs/scheduling.md");
        }
        return schedules;
    }
}
