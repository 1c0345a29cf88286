package io.promdr.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats for people: binary byte units, local times to the second, short durations. */
public final class HumanFormat {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final DateTimeFormatter LOCAL_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;

    public HumanFormat(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s < 3600 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public String time(Instant instant) {
        return instant == null ? "-" : LOCAL_SECONDS.format(instant.atZone(zone));
    }

    /** A time in ms since the epoch, to the minute (sample ranges). */
    public String timeMs(long epochMs) {
        return LOCAL_MINUTES.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** [minMs, maxMs) as "from .. to"; block maxTime is exclusive, shown as is. */
    public String range(long minMs, long maxMs) {
        return minMs == 0 && maxMs == 0 ? "-" : timeMs(minMs) + " .. " + timeMs(maxMs);
    }
}
