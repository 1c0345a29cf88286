package io.promdr.core.retention;

import java.util.List;

/**
 * What retention does with one backup, and why.
 *
 * @param item    the backup
 * @param keep    true to keep it, false to remove it
 * @param reasons for a kept backup, every rule that keeps it ("pinned", "newest successful",
 *                "last 3", "within 7d", "hourly 2026-11-20T14Z", "daily 2026-11-20",
 *                "weekly 2026-W47", "monthly 2026-11", "yearly 2026", "in progress"); for a
 *                removed one, why nothing keeps it ("failed", "no rule keeps it")
 */
public record RetentionDecision(RetentionItem item, boolean keep, List<String> reasons) {

    public RetentionDecision {
        reasons = List.copyOf(reasons);
    }

    public String id() {
        return item.id();
    }
}
