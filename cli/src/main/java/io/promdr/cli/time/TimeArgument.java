package io.promdr.cli.time;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the time arguments of the CLI ({@code --from}, {@code --until}), in one of these forms:
 * <ul>
 *   <li>RFC 3339: {@code 2026-11-20T00:00:00Z}, {@code 2026-11-20T01:30:00.5+01:00}</li>
 *   <li>a date: {@code 2026-11-20}, meaning midnight UTC</li>
 *   <li>Unix epoch seconds: {@code 1795507200}</li>
 *   <li>relative to now: {@code now}, {@code now-7d}, {@code -36h}, {@code now-1d12h}
 *       (units s, m, h, d, w)</li>
 * </ul>
 * Anything else raises USAGE naming the option and listing the forms.
 */
public final class TimeArgument {
    public static final String FORMS =
            "use RFC 3339 (2026-11-20T00:00:00Z), a date (2026-11-20, UTC midnight), epoch seconds, or now-7d / -36h";

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}");
    private static final Pattern RELATIVE = Pattern.compile("(?:now)?(?:([+-])((?:\\d+[smhdw])+))?");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)([smhdw])");

    private TimeArgument() {
    }

    /**
     * @param option the option the text came from, for the message ("--from")
     * @param clock  the "now" of relative forms
     */
    public static Instant parse(String option, String text, Clock clock) {
        String value = text == null ? "" : text.trim();
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (EPOCH_SECONDS.matcher(value).matches()) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.length() > 10 && Character.isDigit(value.charAt(0))) {
                // RFC 3339 allows lower-case 't' and 'z'; java.time wants upper case.
                return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
            Matcher m = RELATIVE.matcher(value.toLowerCase(Locale.ROOT));
            if (!value.isEmpty() && m.matches() && (value.startsWith("now") || m.group(1) != null)) {
                Instant now = clock.instant();
                if (m.group(1) == null) {
                    return now;
                }
                Duration d = duration(m.group(2));
                return m.group(1).equals("-") ? now.minus(d) : now.plus(d);
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw bad(option, text, e.getMessage());
        }
        throw bad(option, text, null);
    }

    private static Duration duration(String parts) {
        Duration total = Duration.ZERO;
        Matcher m = DURATION_PART.matcher(parts);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(Math.multiplyExact(n, 7));
            });
        }
        return total;
    }

    private static PromdrException bad(String option, String text, String reason) {
        return new PromdrException(ErrorCode.USAGE,
                option + " \"" + text + "\" is not a time" + (reason == null ? "" : " (" + reason + ")"), FORMS);
    }
}
