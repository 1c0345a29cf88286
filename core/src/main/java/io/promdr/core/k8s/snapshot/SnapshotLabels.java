package io.promdr.core.k8s.snapshot;

/** The labels promdr puts on the VolumeSnapshots it creates; listing and pruning select by them. */
public final class SnapshotLabels {
    /** The promdr backup id ({@code 20261125T173824Z-3fa9c2d1}) shared by the snapshots of one run. */
    public static final String BACKUP_ID = "promdr.io/backup-id";
    /** The source name (as in {@code sources:} and the repository). */
    public static final String SOURCE = "promdr.io/source";
    /** The schedule that took it, or {@code manual}. */
    public static final String SCHEDULE = "promdr.io/schedule";
    /** The PVC it was taken of (also in spec.source, repeated for selection). */
    public static final String CLAIM = "promdr.io/claim";
    public static final String MANUAL = "manual";

    private SnapshotLabels() {
    }
}
