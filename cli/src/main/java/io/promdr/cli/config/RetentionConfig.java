package io.promdr.cli.config;

/**
 * {@code retention:} which backups {@code promdr prune} keeps (docs/retention.md), and the same
 * keys under {@code sources.<name>.retention} for one source (there only the keep* keys; they
 * replace the top-level policy for that source).
 *
 * @param keepLast    the newest N backups
 * @param keepHourly  the newest backup of each of the last N hours that have one
 * @param keepDaily   ... days
 * @param keepWeekly  ... ISO weeks
 * @param keepMonthly ... months
 * @param keepYearly  ... years
 * @param keepWithin  every backup younger than this duration, e.g. 36h or 7d
 * @param timeZone    the zone of days, weeks, months and years, e.g. Europe/Paris (default UTC)
 * @param gracePeriod block objects younger than this are never swept (default 1h)
 * @param afterBackup run a prune of the source after each successful {@code promdr backup} (default false)
 */
public record RetentionConfig(Integer keepLast, Integer keepHourly, Integer keepDaily, Integer keepWeekly,
                              Integer keepMonthly, Integer keepYearly, String keepWithin, String timeZone,
                              String gracePeriod, Boolean afterBackup) {

    static RetentionConfig merge(RetentionConfig lower, RetentionConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new RetentionConfig(Layers.pick(lower.keepLast, higher.keepLast), Layers.pick(lower.keepHourly, higher.keepHourly),
                Layers.pick(lower.keepDaily, higher.keepDaily), Layers.pick(lower.keepWeekly, higher.keepWeekly),
                Layers.pick(lower.keepMonthly, higher.keepMonthly), Layers.pick(lower.keepYearly, higher.keepYearly),
                Layers.pick(lower.keepWithin, higher.keepWithin), Layers.pick(lower.timeZone, higher.timeZone),
                Layers.pick(lower.gracePeriod, higher.gracePeriod), Layers.pick(lower.afterBackup, higher.afterBackup));
    }

    /** True when one of the keep* keys is set. */
    boolean setsPolicy() {
        return keepLast != null || keepHourly != null || keepDaily != null || keepWeekly != null || keepMonthly != null
                || keepYearly != null || keepWithin != null;
    }
}
