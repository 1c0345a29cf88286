package io.promdr.core.k8s.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code status} of a VolumeSnapshot, written by the snapshot controller: {@code readyToUse}
 * once the volume can be restored from it, {@code error} when the CSI driver failed, the bound
 * VolumeSnapshotContent, the time the storage system took it and its size (a quantity string).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeSnapshotStatus {
    private Boolean readyToUse;
    private String boundVolumeSnapshotContentName;
    private String creationTime;
    private String restoreSize;
    private VolumeSnapshotError error;

    public Boolean getReadyToUse() {
        return readyToUse;
    }

    public void setReadyToUse(Boolean readyToUse) {
        this.readyToUse = readyToUse;
    }

    public String getBoundVolumeSnapshotContentName() {
        return boundVolumeSnapshotContentName;
    }

    public void setBoundVolumeSnapshotContentName(String boundVolumeSnapshotContentName) {
        this.boundVolumeSnapshotContentName = boundVolumeSnapshotContentName;
    }

    public String getCreationTime() {
        return creationTime;
    }

    public void setCreationTime(String creationTime) {
        this.creationTime = creationTime;
    }

    public String getRestoreSize() {
        return restoreSize;
    }

    public void setRestoreSize(String restoreSize) {
        this.restoreSize = restoreSize;
    }

    public VolumeSnapshotError getError() {
        return error;
    }

    public void setError(VolumeSnapshotError error) {
        this.error = error;
    }
}
