package io.promdr.core.k8s.snapshot;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A CSI {@code snapshot.storage.k8s.io/v1} VolumeSnapshot, modelled here because fabric8's
 * volumesnapshot extension is not a dependency: only the fields promdr reads or writes
 * (unknown fields are kept by fabric8's additional properties, so nothing is lost on update).
 */
@Group(VolumeSnapshot.GROUP)
@Version(VolumeSnapshot.VERSION)
@Kind("VolumeSnapshot")
@Plural("volumesnapshots")
@Singular("volumesnapshot")
public class VolumeSnapshot extends CustomResource<VolumeSnapshotSpec, VolumeSnapshotStatus> implements Namespaced {
    public static final String GROUP = "snapshot.storage.k8s.io";
    public static final String VERSION = "v1";

    /** True once the snapshot controller reports {@code status.readyToUse: true}. */
    public boolean readyToUse() {
        return getStatus() != null && Boolean.TRUE.equals(getStatus().getReadyToUse());
    }

    /** The controller's {@code status.error.message}, or null when it reports none. */
    public String errorMessage() {
        if (getStatus() == null || getStatus().getError() == null) {
            return null;
        }
        String message = getStatus().getError().getMessage();
        return message == null || message.isBlank() ? "(no message)" : message;
    }
}
