package io.promdr.core.k8s.restore;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesFailures;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;
import io.promdr.core.k8s.snapshot.VolumeSnapshots;

import java.util.List;

/**
 * Creates a PVC whose content is a VolumeSnapshot ({@code spec.dataSource}). Storage class,
 * access modes and size come from the PVC the snapshot was taken of when it still exists, else
 * from the snapshot's restoreSize with ReadWriteOnce and the default storage class. An existing
 * PVC of that name is never touched (KUBERNETES_OBJECT_EXISTS).
 */
public final class PvcFromSnapshot {
    private final KubernetesClient client;

    public PvcFromSnapshot(KubernetesClient client) {
        this.client = client;
    }

    public PersistentVolumeClaim create(String namespace, String snapshotName, String claimName) {
        VolumeSnapshot snapshot = new VolumeSnapshots(client).get(namespace, snapshotName);
        if (!snapshot.readyToUse()) {
            throw new PromdrException(ErrorCode.VOLUME_SNAPSHOT_FAILED, "VolumeSnapshot " + namespace + "/" + snapshotName
                    + " is not readyToUse" + (snapshot.errorMessage() == null ? "" : ": " + snapshot.errorMessage()),
                    "restore from a ready snapshot (`promdr snapshots list`)");
        }
        requireAbsent(namespace, claimName);
        String sourceName = snapshot.getSpec() == null || snapshot.getSpec().getSource() == null ? null
                : snapshot.getSpec().getSource().getPersistentVolumeClaimName();
        PersistentVolumeClaim source = sourceName == null ? null : KubernetesFailures.call(
                "get persistentvolumeclaim " + namespace + "/" + sourceName,
                () -> client.persistentVolumeClaims().inNamespace(namespace).withName(sourceName).get());
        Quantity size = size(snapshot, source);
        PersistentVolumeClaimBuilder claim = new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(claimName).withNamespace(namespace)
                .addToLabels("promdr.io/restored-from", snapshotName.length() <= 63 ? snapshotName : snapshotName.substring(0, 63))
                .endMetadata()
                .withNewSpec()
                .withAccessModes(source == null ? List.of("ReadWriteOnce") : source.getSpec().getAccessModes())
                .withStorageClassName(source == null ? null : source.getSpec().getStorageClassName())
                .withNewDataSource().withApiGroup(VolumeSnapshot.GROUP).withKind("VolumeSnapshot").withName(snapshotName)
                .endDataSource()
                .withNewResources().addToRequests("storage", size).endResources()
                .endSpec();
        return KubernetesFailures.call("create persistentvolumeclaim " + namespace + "/" + claimName,
                () -> client.persistentVolumeClaims().inNamespace(namespace).resource(claim.build()).create());
    }

    void requireAbsent(String namespace, String claimName) {
        PersistentVolumeClaim existing = KubernetesFailures.call("get persistentvolumeclaim " + namespace + "/" + claimName,
                () -> client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get());
        if (existing != null) {
            throw new PromdrException(ErrorCode.KUBERNETES_OBJECT_EXISTS, "PersistentVolumeClaim " + namespace + "/" + claimName
                    + " exists already", "choose a new --to-pvc name; to replace a StatefulSet's volume use --in-place"
                    + " (docs/runbooks/restore-in-place.md)");
        }
    }

    /** The larger of the snapshot's restoreSize and the source claim's request: a volume never shrinks. */
    private static Quantity size(VolumeSnapshot snapshot, PersistentVolumeClaim source) {
        Quantity restore = snapshot.getStatus() == null || snapshot.getStatus().getRestoreSize() == null ? null
                : new Quantity(snapshot.getStatus().getRestoreSize());
        Quantity requested = source == null || source.getSpec().getResources() == null
                || source.getSpec().getResources().getRequests() == null ? null
                : source.getSpec().getResources().getRequests().get("storage");
        if (restore == null && requested == null) {
            throw new PromdrException(ErrorCode.VOLUME_SNAPSHOT_FAILED, "VolumeSnapshot " + snapshot.getMetadata().getName()
                    + " has no restoreSize and its source PVC is gone", "create the PVC by hand with a size");
        }
        if (restore == null || requested == null) {
            return restore != null ? restore : requested;
        }
        return restore.getNumericalAmount().compareTo(requested.getNumericalAmount()) >= 0 ? restore : requested;
    }
}
