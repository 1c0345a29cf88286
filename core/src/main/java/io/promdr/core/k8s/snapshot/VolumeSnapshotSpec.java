package io.promdr.core.k8s.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code spec} of a VolumeSnapshot: what to snapshot, with which VolumeSnapshotClass. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeSnapshotSpec {
    private VolumeSnapshotSource source;
    private String volumeSnapshotClassName;

    public VolumeSnapshotSource getSource() {
        return source;
    }

    public void setSource(VolumeSnapshotSource source) {
        this.source = source;
    }

    public String getVolumeSnapshotClassName() {
        return volumeSnapshotClassName;
    }

    public void setVolumeSnapshotClassName(String volumeSnapshotClassName) {
        this.volumeSnapshotClassName = volumeSnapshotClassName;
    }
}
