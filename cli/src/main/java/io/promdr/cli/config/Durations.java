package io.promdr.cli.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations such as {@code 90s}, {@code 5m}, {@code 1h30m} or {@code 500ms} (units ms, s, m, h). */
final class Durations {
    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,6})h)?(?:(\\d{1,6})m(?!s))?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

    private Durations() {
    }

    /** The duration, or empty when the text is not one (or is zero). */
    static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (text.isBlank() || !m.matches()) {
            return Optional.empty();
        }
        Duration d = Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2)))
                .plusSeconds(number(m.group(3))).plusMillis(number(m.group(4)));
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
