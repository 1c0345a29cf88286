package io.promdr.schedules.cron;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between the two cron dialects a schedule meets: the standard 5-field Unix form
 * ({@code minute hour day-of-month month day-of-week}, the form of crontab and Kubernetes
 * CronJobs) and Quartz' 6- or 7-field form ({@code second minute hour day-of-month month
 * day-of-week [year]}).
 *
 * <p>The differences handled: Quartz has a seconds field first and an optional year last; it
 * numbers days of the week 1-7 from Sunday where Unix uses 0-6 (and 7) from Sunday; and it needs
 * {@code ?} in one of day-of-month and day-of-week. Unix cron fires when <em>either</em>
 * restricted day field matches; Quartz cannot express that, so a 5-field expression that
 * restricts both is refused rather than silently changed.
 */
public final class CronSyntax {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private CronSyntax() {
    }

    /** The 5-field form of a macro such as {@code @daily}, or the expression itself, whitespace normalised. */
    public static String expandMacro(String expression) {
        String trimmed = expression.trim().replaceAll("\\s+", " ");
        return MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    }

    /** Whether the (expanded) expression is in the 5-field Unix form. */
    public static boolean isUnix(String expression) {
        return fields(expandMacro(expression)).size() == 5;
    }

    /**
     * The Quartz form of a 5-field Unix expression.
     *
     * @param key names the setting in error messages, e.g. {@code schedules.nightly.cron}
     */
    public static String unixToQuartz(String unix, String key) {
        List<String> f = fields(expandMacro(unix));
        if (f.size() != 5) {
            throw invalid(key, "\"" + unix + "\" does not have 5 fields");
        }
        String dom = f.get(2);
        String dow = f.get(4);
        boolean domSet = !dom.equals("*");
        boolean dowSet = !dow.equals("*");
        if (domSet && dowSet) {
            throw invalid(key, "\"" + unix + "\" restricts both day of month and day of week (cron then fires on either)",
                    "restrict only one of them, or write two schedules");
        }
        String quartzDom = dowSet ? "?" : dom;
        String quartzDow = dowSet ? shiftDaysOfWeek(dow, +1, key) : "?";
        return String.join(" ", "0", f.get(0), f.get(1), quartzDom, f.get(3), quartzDow);
    }

    /**
     * The 5-field Unix form of a Quartz expression, for a Kubernetes CronJob, or empty when
     * Quartz-only features are used: seconds other than 0, a year, {@code L}, {@code W} or {@code #}.
     */
    public static Optional<String> quartzToUnix(String quartz) {
        List<String> f = fields(quartz);
        if (f.size() < 6 || f.size() > 7 || !f.get(0).equals("0")) {
            return Optional.empty();
        }
        if (f.size() == 7 && !f.get(6).equals("*")) {
            return Optional.empty();
        }
        for (String field : f.subList(1, 6)) {
            if (field.toUpperCase(Locale.ROOT).matches(".*[LW#].*") && !isNames(field)) {
                return Optional.empty();
            }
        }
        String dom = f.get(3).equals("?") ? "*" : f.get(3);
        String dow = f.get(5).equals("?") ? "*" : f.get(5);
        try {
            dow = dow.equals("*") ? dow : shiftDaysOfWeek(dow, -1, "cron");
        } catch (PromdrException e) {
            return Optional.empty();
        }
        return Optional.of(String.join(" ", f.get(1), f.get(2), dom, f.get(4), dow));
    }

    /** Month and day names (JAN, MON-FRI) contain letters that look like L or W; they are not Quartz features. */
    private static boolean isNames(String field) {
        return field.toUpperCase(Locale.ROOT).matches("([A-Z]{3}(-[A-Z]{3})?)(,[A-Z]{3}(-[A-Z]{3})?)*");
    }

    /**
     * Renumbers the days of week between Unix (0-6, 7 = Sunday) and Quartz (1-7 from Sunday).
     * Names (MON) are the same in both; ranges that wrap past Sunday are split.
     */
    static String shiftDaysOfWeek(String field, int delta, String key) {
        List<String> out = new ArrayList<>();
        for (String part : field.split(",")) {
            String step = "";
            String base = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = part.substring(slash);
                base = part.substring(0, slash);
            }
            if (base.equals("*")) {
                out.add(part);
                continue;
            }
            String[] range = base.split("-", -1);
            if (range.length > 2) {
                throw invalid(key, "day of week \"" + part + "\" is not a day, a range or a list");
            }
            String from = day(range[0], delta, key);
            if (range.length == 1) {
                out.add(from + step);
                continue;
            }
            String to = day(range[1], delta, key);
            if (delta > 0 && range[1].equals("7")) {
                // Unix x-7 ends on Sunday, which is Quartz 1: x+1..7 (Saturday) plus 1.
                out.add(from + "-7" + step);
                out.add("1");
            } else {
                out.add(from + "-" + to + step);
            }
        }
        return String.join(",", out);
    }

    private static String day(String token, int delta, String key) {
        if (token.matches("[A-Za-z]{3}")) {
            return token.toUpperCase(Locale.ROOT);
        }
        if (!token.matches("\\d")) {
            throw invalid(key, "day of week \"" + token + "\" is not a day number or name");
        }
        int n = Integer.parseInt(token);
        if (delta > 0) {
            if (n > 7) {
                throw invalid(key, "day of week " + n + " is out of range 0-7");
            }
            return Integer.toString(n == 7 ? 1 : n + 1);
        }
        if (n < 1 || n > 7) {
            throw invalid(key, "day of week " + n + " is out of range 1-7");
        }
        return Integer.toString(n - 1);
    }

    private static List<String> fields(String expression) {
        String trimmed = expression.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    private static PromdrException invalid(String key, String what) {
        return invalid(key, what, "use 5 fields (minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\") "
                + "or Quartz' 6 or 7 (with seconds first); see docs/scheduling.md");
    }

    private static PromdrException invalid(String key, String what, String hint) {
        return new PromdrException(ErrorCode.SCHEDULE_INVALID, key + ": " + what, hint);
    }
}
