package io.promdr.core.k8s.snapshot;

import io.promdr.core.model.BackupId;
import io.promdr.core.retention.BackupStatus;
import io.promdr.core.retention.RetentionEngine;
import io.promdr.core.retention.RetentionItem;
import io.promdr.core.retention.RetentionPlan;
import io.promdr.core.retention.RetentionPolicy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention of VolumeSnapshots with the same engine as repository backups. One run (one backup
 * id, one VolumeSnapshot per PVC) is one retention item, kept or removed as a whole: ready when
 * every snapshot of the run is readyToUse (successful), failed when one reports status.error,
 * in progress otherwise (always kept). Its time is the one in its backup id.
 */
public final class VolumeSnapshotRetention {
    /** Set to "true" on a snapshot to keep its run whatever the policy says. */
    public static final String PINNED_LABEL = "promdr.io/pinned";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private VolumeSnapshotRetention() {
    }

    /** The runs of one source's snapshots as retention items, with their snapshots. */
    public static Map<String, List<VolumeSnapshot>> runs(List<VolumeSnapshot> snapshots) {
        Map<String, List<VolumeSnapshot>> runs = new LinkedHashMap<>();
        for (VolumeSnapshot s : snapshots) {
            String id = s.getMetadata().getLabels().get(SnapshotLabels.BACKUP_ID);
            if (BackupId.isValid(id)) {
                runs.computeIfAbsent(id, k -> new ArrayList<>()).add(s);
            }
        }
        return runs;
    }

    public static RetentionPlan plan(Map<String, List<VolumeSnapshot>> runs, RetentionPolicy policy, ZoneId zone, Instant now) {
        List<RetentionItem> items = new ArrayList<>();
        for (Map.Entry<String, List<VolumeSnapshot>> run : runs.entrySet()) {
            items.add(item(run.getKey(), run.getValue()));
        }
        return RetentionEngine.plan(items, policy, zone, now);
    }

    static RetentionItem item(String backupId, List<VolumeSnapshot> snapshots) {
        BackupStatus status = snapshots.stream().anyMatch(s -> s.errorMessage() != null) ? BackupStatus.FAILED
                : snapshots.stream().allMatch(VolumeSnapshot::readyToUse) ? BackupStatus.SUCCESSFUL : BackupStatus.IN_PROGRESS;
        boolean pinned = snapshots.stream().anyMatch(s -> "true".equals(s.getMetadata().getLabels().get(PINNED_LABEL)));
        Map<String, String> labels = Map.of("snapshots", String.valueOf(snapshots.size()));
        return new RetentionItem(backupId, time(backupId), status, pinned, labels);
    }

    private static Instant time(String backupId) {
        try {
            return STAMP.parse(backupId.substring(0, 16), Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a backup id: " + backupId, e);
        }
    }
}
