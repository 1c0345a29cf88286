package io.promdr.core.retention;

/** The state of one backup (or VolumeSnapshot) as retention sees it. */
public enum BackupStatus {
    /** Complete and restorable: the only status the calendar rules and keepLast count. */
    SUCCESSFUL,
    /** Finished without producing something restorable: removed unless pinned. */
    FAILED,
    /** Still being written (e.g. a VolumeSnapshot not yet readyToUse): always kept. */
    IN_PROGRESS
}
