package io.promdr.core.retention;

import java.time.Duration;

/**
 * Which backups to keep (docs/retention.md). Every rule is optional (0 or null = off) and the
 * rules are ORed: a backup is kept when at least one rule keeps it. The calendar rules count
 * buckets (hours, days, ISO weeks, months, years) that contain a successful backup and keep the
 * newest successful backup of each.
 *
 * @param keepLast    the newest N successful backups
 * @param keepHourly  the newest successful backup of each of the last N hours that have one
 * @param keepDaily   the same per calendar day
 * @param keepWeekly  the same per ISO week (Monday to Sunday, week-based year)
 * @param keepMonthly the same per calendar month
 * @param keepYearly  the same per calendar year
 * @param keepWithin  every successful backup taken less than this long before "now" (null = off)
 */
public record RetentionPolicy(int keepLast, int keepHourly, int keepDaily, int keepWeekly, int keepMonthly,
                              int keepYearly, Duration keepWithin) {

    public RetentionPolicy {
        requireNotNegative(keepLast, "keepLast");
        requireNotNegative(keepHourly, "keepHourly");
        requireNotNegative(keepDaily, "keepDaily");
        requireNotNegative(keepWeekly, "keepWeekly");
        requireNotNegative(keepMonthly, "keepMonthly");
        requireNotNegative(keepYearly, "keepYearly");
        if (keepWithin != null && (keepWithin.isNegative() || keepWithin.isZero())) {
            keepWithin = null;
        }
    }

    public static RetentionPolicy empty() {
        return new RetentionPolicy(0, 0, 0, 0, 0, 0, null);
    }

    /** True when no rule is set: such a policy would remove everything but the safety nets. */
    public boolean isEmpty() {
        return keepLast == 0 && keepHourly == 0 && keepDaily == 0 && keepWeekly == 0 && keepMonthly == 0
                && keepYearly == 0 && keepWithin == null;
    }

    public RetentionPolicy withKeepLast(int n) {
        return new RetentionPolicy(n, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, keepWithin);
    }

    public RetentionPolicy withKeepHourly(int n) {
        return new RetentionPolicy(keepLast, n, keepDaily, keepWeekly, keepMonthly, keepYearly, keepWithin);
    }

    public RetentionPolicy withKeepDaily(int n) {
        return new RetentionPolicy(keepLast, keepHourly, n, keepWeekly, keepMonthly, keepYearly, keepWithin);
    }

    public RetentionPolicy withKeepWeekly(int n) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, n, keepMonthly, keepYearly, keepWithin);
    }

    public RetentionPolicy withKeepMonthly(int n) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, n, keepYearly, keepWithin);
    }

    public RetentionPolicy withKeepYearly(int n) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, n, keepWithin);
    }

    public RetentionPolicy withKeepWithin(Duration d) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, d);
    }

    /** The policy in the configuration's words, e.g. {@code keepLast=3 keepDaily=7 keepWithin=36h}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        append(s, "keepLast", keepLast);
        append(s, "keepHourly", keepHourly);
        append(s, "keepDaily", keepDaily);
        append(s, "keepWeekly", keepWeekly);
        append(s, "keepMonthly", keepMonthly);
        append(s, "keepYearly", keepYearly);
        if (keepWithin != null) {
            s.append(s.isEmpty() ? "" : " ").append("keepWithin=").append(RetentionDurations.format(keepWithin));
        }
        return s.isEmpty() ? "(empty)" : s.toString();
    }

    private static void append(StringBuilder s, String key, int value) {
        if (value > 0) {
            s.append(s.isEmpty() ? "" : " ").append(key).append('=').append(value);
        }
    }

    private static void requireNotNegative(int value, String key) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " must not be negative: " + value);
        }
    }
}
