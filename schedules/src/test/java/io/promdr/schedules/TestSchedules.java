package io.promdr.schedules;

import io.promdr.schedules.cron.CronSchedule;

import java.util.Map;

/** Schedule specs for tests. */
public final class TestSchedules {
    private TestSchedules() {
    }

    public static ScheduleSpec spec(String name, String cron, String job, String source) {
        return new ScheduleSpec(name, CronSchedule.parse(cron, "UTC", "schedules." + name + ".cron"), job, source, Map.of());
    }

    public static ScheduleSpec spec(String name, String cron, String zone, String job, String source) {
        return new ScheduleSpec(name, CronSchedule.parse(cron, zone, "schedules." + name + ".cron"), job, source, Map.of());
    }
}
