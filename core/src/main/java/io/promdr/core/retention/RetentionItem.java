package io.promdr.core.retention;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One backup as the retention engine sees it. Deliberately independent of the manifest class so
 * that anything with an id and a time (a repository backup, a CSI VolumeSnapshot) can use the
 * same engine.
 *
 * @param id     unique within one plan; used to break ties between backups taken at the same instant
 * @param time   when the backup was taken (its calendar buckets are computed from this instant)
 * @param status see {@link BackupStatus}
 * @param pinned a pinned backup is always kept
 * @param labels free-form, carried through to the decision for display; ignored by the rules
 */
public record RetentionItem(String id, Instant time, BackupStatus status, boolean pinned, Map<String, String> labels) {

    public RetentionItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static RetentionItem successful(String id, Instant time) {
        return new RetentionItem(id, time, BackupStatus.SUCCESSFUL, false, Map.of());
    }

    public boolean isSuccessful() {
        return status == BackupStatus.SUCCESSFUL;
    }
}
