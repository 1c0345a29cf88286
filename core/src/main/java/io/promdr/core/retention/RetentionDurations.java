package io.promdr.core.retention;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of {@code keepWithin} and {@code gracePeriod}: {@code 7d}, {@code 36h},
 * {@code 1d12h}, {@code 90m}, {@code 30s} (units d, h, m, s; a day is 24 hours).
 */
public final class RetentionDurations {
    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,5})d)?(?:(\\d{1,6})h)?(?:(\\d{1,7})m)?(?:(\\d{1,9})s)?");

    private RetentionDurations() {
    }

    /** The duration, or empty when the text is not one. Zero ({@code 0s}) is a valid duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2)))
                .plusMinutes(number(m.group(3))).plusSeconds(number(m.group(4))));
    }

    /** The shortest text {@link #parse} reads back as {@code d}, e.g. {@code 1d12h}; sub-second parts are dropped. */
    public static String format(Duration d) {
        long seconds = d.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder s = new StringBuilder();
        long[] parts = {seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != 0) {
                s.append(parts[i]).append(units[i]);
            }
        }
        return s.toString();
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
