package io.promdr.schedules.cron;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * When a schedule fires: a cron expression in a time zone, kept in both dialects.
 *
 * @param expression the expression as written in the configuration (5-field Unix, a macro such as
 *                   {@code @daily}, or Quartz' 6 or 7 fields)
 * @param quartz     the Quartz form, which the in-process scheduler runs
 * @param unix       the 5-field form, which a Kubernetes CronJob runs; empty when the expression uses
 *                   Quartz-only features (seconds, years, L, W, #)
 * @param zone       the time zone the fields are read in
 */
public record CronSchedule(String expression, String quartz, Optional<String> unix, ZoneId zone) {

    /**
     * Parses and checks an expression.
     *
     * @param key names the setting in error messages, e.g. {@code schedules.nightly.cron}
     */
    public static CronSchedule parse(String expression, String timeZone, String key) {
        if (expression == null || expression.isBlank()) {
            throw new PromdrException(ErrorCode.SCHEDULE_INVALID, key + ": is empty", "give a cron expression, e.g. \"0 2 * * *\"");
        }
        ZoneId zone = zone(timeZone, key.replaceAll("\\.cron$", ".timeZone"));
        String quartz = CronSyntax.isUnix(expression) ? CronSyntax.unixToQuartz(expression, key) : expression.trim();
        try {
            CronExpression.validateExpression(quartz);
        } catch (ParseException e) {
            throw new PromdrException(ErrorCode.SCHEDULE_INVALID, key + ": \"" + expression + "\" is not a valid cron expression: "
                    + e.getMessage(), "use 5 fields (minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\") "
                    + "or Quartz' 6 or 7 (seconds first, \"?\" in one day field); see docs/scheduling.md");
        }
        Optional<String> unix = CronSyntax.isUnix(expression)
                ? Optional.of(CronSyntax.expandMacro(expression)) : CronSyntax.quartzToUnix(quartz);
        return new CronSchedule(expression.trim(), quartz, unix, zone);
    }

    private static ZoneId zone(String timeZone, String key) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw new PromdrException(ErrorCode.SCHEDULE_INVALID, key + ": \"" + timeZone + "\" is not a time zone",
                    "use an IANA zone name such as UTC or Europe/Paris");
        }
    }

    /** A Quartz expression object for this schedule (CronExpression is mutable and not thread-safe: a new one each time). */
    public CronExpression toQuartzExpression() {
        try {
            CronExpression e = new CronExpression(quartz);
            e.setTimeZone(TimeZone.getTimeZone(zone));
            return e;
        } catch (ParseException e) {
            throw new IllegalStateException("validated cron expression no longer parses: " + quartz, e);
        }
    }

    /** The next {@code count} fire times strictly after {@code after}. */
    public List<Instant> nextFireTimes(Instant after, int count) {
        CronExpression e = toQuartzExpression();
        List<Instant> times = new ArrayList<>();
        Date next = Date.from(after);
        while (times.size() < count) {
            next = e.getNextValidTimeAfter(next);
            if (next == null) {
                break;
            }
            times.add(next.toInstant());
        }
        return times;
    }
}
