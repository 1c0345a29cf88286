package io.promdr.core.k8s.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code spec.source}: the PVC to snapshot (dynamic provisioning) or an existing VolumeSnapshotContent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeSnapshotSource {
    private String persistentVolumeClaimName;
    private String volumeSnapshotContentName;

    public static VolumeSnapshotSource ofClaim(String claimName) {
        VolumeSnapshotSource source = new VolumeSnapshotSource();
        source.setPersistentVolumeClaimName(claimName);
        return source;
    }

    public String getPersistentVolumeClaimName() {
        return persistentVolumeClaimName;
    }

    public void setPersistentVolumeClaimName(String persistentVolumeClaimName) {
        this.persistentVolumeClaimName = persistentVolumeClaimName;
    }

    public String getVolumeSnapshotContentName() {
        return volumeSnapshotContentName;
    }

    public void setVolumeSnapshotContentName(String volumeSnapshotContentName) {
        this.volumeSnapshotContentName = volumeSnapshotContentName;
    }
}
