package io.promdr.schedules.cron;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {

    @Test
    void fiveFieldsRunInTheirTimeZone() {
        CronSchedule c = CronSchedule.parse("0 2 * * *", "Europe/Paris", "schedules.nightly.cron");
        assertThat(c.quartz()).isEqualTo("0 0 2 * * ?");
        assertThat(c.unix()).contains("0 2 * * *");
        assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        // 02:00 in Paris in winter is 01:00 UTC.
        assertThat(c.nextFireTimes(Instant.parse("2026-01-10T12:00:00Z"), 2))
                .containsExactly(Instant.parse("2026-01-11T01:00:00Z"), Instant.parse("2026-01-12T01:00:00Z"));
    }

    @Test
    void timeZoneDefaultsToUtc() {
        assertThat(CronSchedule.parse("@daily", null, "k").zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void quartzFormIsKeptAndHasNoUnixFormWithSeconds() {
        CronSchedule c = CronSchedule.parse("*/5 * * * * ?", "UTC", "k");
        assertThat(c.quartz()).isEqualTo("*/5 * * * * ?");
        assertThat(c.unix()).isEmpty();
    }

    @Test
    void badExpressionNamesTheKey() {
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *", "UTC", "schedules.nightly.cron"))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCHEDULE_INVALID);
                    assertThat(e.getMessage()).startsWith("schedules.nightly.cron: \"0 25 * * *\" is not a valid cron expression");
                    assertThat(e.hint()).contains("docs/scheduling.md");
                });
        assertThatThrownBy(() -> CronSchedule.parse("every night", "UTC", "schedules.nightly.cron"))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SCHEDULE_INVALID));
    }

    @Test
    void badTimeZoneNamesItsKey() {
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * * *", "Mars/Olympus", "schedules.nightly.cron"))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCHEDULE_INVALID);
                    assertThat(e.getMessage()).isEqualTo("schedules.nightly.timeZone: \"Mars/Olympus\" is not a time zone");
                });
    }
}
