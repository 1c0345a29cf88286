package io.promdr.core.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;

/**
 * The calendar periods of the bucket rules. Each maps an instant to the name of the period that
 * contains it in a time zone; two backups are in the same bucket when the names are equal.
 */
enum CalendarBucket {
    /**
     * The local hour with its UTC offset, so that the hour repeated when clocks go back
     * (01:00-01:59 twice) is two buckets, and an hour skipped when clocks go forward is none.
     */
    HOURLY("hourly", DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHXXX")),
    /** The local calendar date; a 23- or 25-hour day on a DST change is still one day. */
    DAILY("daily", DateTimeFormatter.ofPattern("uuuu-MM-dd")),
    /** The ISO week (Monday to Sunday) with its week-based year: 2027-01-01 is in 2026-W53. */
    WEEKLY("weekly", null),
    MONTHLY("monthly", DateTimeFormatter.ofPattern("uuuu-MM")),
    YEARLY("yearly", DateTimeFormatter.ofPattern("uuuu"));

    private final String rule;
    private final DateTimeFormatter format;

    CalendarBucket(String rule, DateTimeFormatter format) {
        this.rule = rule;
        this.format = format;
    }

    /** The reason given for a backup this bucket keeps, e.g. {@code weekly 2026-W47}. */
    String reason(Instant time, ZoneId zone) {
        return rule + " " + name(time, zone);
    }

    String name(Instant time, ZoneId zone) {
        ZonedDateTime local = time.atZone(zone);
        if (this == WEEKLY) {
            return String.format("%04d-W%02d", local.get(IsoFields.WEEK_BASED_YEAR),
                    local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
        return format.format(local);
    }
}
