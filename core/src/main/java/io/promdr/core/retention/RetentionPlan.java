package io.promdr.core.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The result of {@link RetentionEngine#plan}: one decision per backup, newest first.
 *
 * @param policy    the policy applied
 * @param zone      the time zone of the calendar buckets
 * @param now       the instant keepWithin was measured from
 * @param decisions one per input item, newest first (ties: larger id first)
 */
public record RetentionPlan(RetentionPolicy policy, ZoneId zone, Instant now, List<RetentionDecision> decisions) {

    public RetentionPlan {
        decisions = List.copyOf(decisions);
    }

    public List<RetentionDecision> kept() {
        return decisions.stream().filter(RetentionDecision::keep).toList();
    }

    public List<RetentionDecision> removed() {
        return decisions.stream().filter(d -> !d.keep()).toList();
    }
}
