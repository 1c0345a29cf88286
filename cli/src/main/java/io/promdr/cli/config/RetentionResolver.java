package io.promdr.cli.config;

import io.promdr.backup.prune.RetentionRules;
import io.promdr.core.retention.RetentionDurations;
import io.promdr.core.retention.RetentionPolicy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/** Validates {@code retention:} and {@code sources.*.retention} for {@link SettingsResolver}; bad values raise CONFIG_INVALID naming the key. */
final class RetentionResolver {

    private RetentionResolver() {
    }

    static RetentionSettings resolve(RetentionConfig top, Map<String, SourceConfig> sources) {
        RetentionConfig c = top == null ? new RetentionConfig(null, null, null, null, null, null, null, null, null, null) : top;
        Map<String, RetentionPolicy> perSource = new TreeMap<>();
        if (sources != null) {
            sources.forEach((name, source) -> {
                RetentionConfig own = source == null ? null : source.retention();
                if (own == null) {
                    return;
                }
                String key = "sources." + name + ".retention";
                if (own.timeZone() != null || own.gracePeriod() != null || own.afterBackup() != null) {
                    throw SettingsResolver.invalid(key, "sets timeZone, gracePeriod or afterBackup",
                            "those apply to the whole repository: set them under the top-level retention:");
                }
                perSource.put(name, policy(own, key));
            });
        }
        ZoneId zone = ZoneId.of("UTC");
        if (c.timeZone() != null) {
            try {
                zone = ZoneId.of(c.timeZone().trim());
            } catch (DateTimeException e) {
                throw SettingsResolver.invalid("retention.timeZone", "\"" + c.timeZone() + "\" is not a time zone",
                        "use a region id such as Europe/Paris or America/New_York, or UTC");
            }
        }
        Duration grace = c.gracePeriod() == null ? RetentionRules.DEFAULT_GRACE_PERIOD
                : duration(c.gracePeriod(), "retention.gracePeriod");
        return new RetentionSettings(new RetentionRules(policy(c, "retention"), perSource, zone, grace),
                Boolean.TRUE.equals(c.afterBackup()));
    }

    private static RetentionPolicy policy(RetentionConfig c, String key) {
        return new RetentionPolicy(count(c.keepLast(), key + ".keepLast"), count(c.keepHourly(), key + ".keepHourly"),
                count(c.keepDaily(), key + ".keepDaily"), count(c.keepWeekly(), key + ".keepWeekly"),
                count(c.keepMonthly(), key + ".keepMonthly"), count(c.keepYearly(), key + ".keepYearly"),
                c.keepWithin() == null ? null : duration(c.keepWithin(), key + ".keepWithin"));
    }

    private static int count(Integer value, String key) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw SettingsResolver.invalid(key, value + " is negative", "use a count of 0 (off) or more");
        }
        return value;
    }

    private static Duration duration(String text, String key) {
        return RetentionDurations.parse(text).orElseThrow(() -> SettingsResolver.invalid(key,
                "\"" + text + "\" is not a duration", "use e.g. 36h, 7d, 1d12h or 90m (units d, h, m, s)"));
    }
}
