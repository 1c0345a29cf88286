package io.promdr.core.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides which backups a policy keeps. A pure function of its arguments (no clock, no I/O),
 * shared by repository backups and Kubernetes VolumeSnapshots; the semantics are specified in
 * docs/retention.md and pinned down by the golden files in core/src/test/resources/retention.
 *
 * <p>Order of evaluation: backups are sorted newest first (same instant: larger id first).
 * Safety nets come first (pinned, in progress, the newest successful backup), then every rule
 * of the policy adds its reasons; a backup is kept when it has at least one reason.
 */
public final class RetentionEngine {
    /** Newest first; equal times are ordered by id so the result never depends on input order. */
    static final Comparator<RetentionItem> NEWEST_FIRST =
            Comparator.comparing(RetentionItem::time).thenComparing(RetentionItem::id).reversed();

    private RetentionEngine() {
    }

    public static RetentionPlan plan(List<RetentionItem> items, RetentionPolicy policy, ZoneId zone, Instant now) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        requireUniqueIds(items);
        List<RetentionItem> sorted = items.stream().sorted(NEWEST_FIRST).toList();
        Map<RetentionItem, List<String>> reasons = new LinkedHashMap<>();
        sorted.forEach(item -> reasons.put(item, new ArrayList<>()));

        keepSafetyNets(sorted, reasons);
        List<RetentionItem> successful = sorted.stream().filter(RetentionItem::isSuccessful).toList();
        keepLast(successful, policy.keepLast(), reasons);
        keepWithin(successful, policy, now, reasons);
        keepBuckets(successful, CalendarBucket.HOURLY, policy.keepHourly(), zone, reasons);
        keepBuckets(successful, CalendarBucket.DAILY, policy.keepDaily(), zone, reasons);
        keepBuckets(successful, CalendarBucket.WEEKLY, policy.keepWeekly(), zone, reasons);
        keepBuckets(successful, CalendarBucket.MONTHLY, policy.keepMonthly(), zone, reasons);
        keepBuckets(successful, CalendarBucket.YEARLY, policy.keepYearly(), zone, reasons);

        List<RetentionDecision> decisions = reasons.entrySet().stream().map(RetentionEngine::decide).toList();
        return new RetentionPlan(policy, zone, now, decisions);
    }

    private static void keepSafetyNets(List<RetentionItem> sorted, Map<RetentionItem, List<String>> reasons) {
        for (RetentionItem item : sorted) {
            if (item.pinned()) {
                reasons.get(item).add("pinned");
            }
            if (item.status() == BackupStatus.IN_PROGRESS) {
                reasons.get(item).add("in progress");
            }
        }
        // Whatever the policy, the newest restorable backup survives: a policy typo must never
        // leave a source with nothing to restore.
        sorted.stream().filter(RetentionItem::isSuccessful).findFirst()
                .ifPresent(newest -> reasons.get(newest).add("newest successful"));
    }

    private static void keepLast(List<RetentionItem> successful, int n, Map<RetentionItem, List<String>> reasons) {
        successful.stream().limit(n).forEach(item -> reasons.get(item).add("last " + n));
    }

    private static void keepWithin(List<RetentionItem> successful, RetentionPolicy policy, Instant now,
                                   Map<RetentionItem, List<String>> reasons) {
        if (policy.keepWithin() == null) {
            return;
        }
        // "Less than D old": a backup exactly D old is no longer within; future-dated backups are.
        Instant cutoff = now.minus(policy.keepWithin());
        String reason = "within " + RetentionDurations.format(policy.keepWithin());
        successful.stream().filter(item -> item.time().isAfter(cutoff)).forEach(item -> reasons.get(item).add(reason));
    }

    /** Walks newest first and keeps the first backup seen in each new bucket, until n buckets are kept. */
    private static void keepBuckets(List<RetentionItem> successful, CalendarBucket bucket, int n, ZoneId zone,
                                    Map<RetentionItem, List<String>> reasons) {
        Set<String> seen = new HashSet<>();
        for (RetentionItem item : successful) {
            if (seen.size() == n) {
                return;
            }
            if (seen.add(bucket.name(item.time(), zone))) {
                reasons.get(item).add(bucket.reason(item.time(), zone));
            }
        }
    }

    private static RetentionDecision decide(Map.Entry<RetentionItem, List<String>> entry) {
        RetentionItem item = entry.getKey();
        if (!entry.getValue().isEmpty()) {
            return new RetentionDecision(item, true, entry.getValue());
        }
        String why = item.status() == BackupStatus.FAILED ? "failed" : "no rule keeps it";
        return new RetentionDecision(item, false, List.of(why));
    }

    private static void requireUniqueIds(List<RetentionItem> items) {
        Set<String> ids = new HashSet<>();
        for (RetentionItem item : items) {
            if (!ids.add(item.id())) {
                throw new IllegalArgumentException("duplicate backup id in retention input: " + item.id());
            }
        }
    }
}
