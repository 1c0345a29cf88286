package io.promdr.backup.prune;

import io.promdr.core.retention.RetentionPolicy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The configured retention: a default policy, optional per-source policies that replace it, the
 * time zone of the calendar rules, and the grace period of the sweep.
 *
 * @param defaultPolicy the policy of every source without its own
 * @param perSource     source name to its own policy (replaces the default entirely)
 * @param zone          time zone of days, weeks, months and years
 * @param gracePeriod   a block object younger than this is never swept, referenced or not
 */
public record RetentionRules(RetentionPolicy defaultPolicy, Map<String, RetentionPolicy> perSource, ZoneId zone,
                             Duration gracePeriod) {

    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(1);

    public RetentionRules {
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        perSource = perSource == null ? Map.of() : Map.copyOf(perSource);
        zone = zone == null ? ZoneId.of("UTC") : zone;
        gracePeriod = gracePeriod == null ? DEFAULT_GRACE_PERIOD : gracePeriod;
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must not be negative");
        }
    }

    public RetentionPolicy policyOf(String source) {
        return perSource.getOrDefault(source, defaultPolicy);
    }
}
