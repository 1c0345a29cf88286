package io.promdr.core.k8s.snapshot;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.function.Function;

/**
 * Plays the CSI snapshot controller against the mock API server: every VolumeSnapshot that
 * appears gets the status {@code outcome} gives it (ready, an error, or none to let it time out).
 */
public final class FakeSnapshotController implements AutoCloseable {
    /** What the controller does to a new snapshot: the status to write, or null to leave it pending. */
    public static Function<VolumeSnapshot, VolumeSnapshotStatus> ready() {
        return s -> {
            VolumeSnapshotStatus status = new VolumeSnapshotStatus();
            status.setReadyToUse(true);
            status.setBoundVolumeSnapshotContentName("snapcontent-" + s.getMetadata().getName());
            status.setRestoreSize("10Gi");
            status.setCreationTime("2026-12-03T01:00:00Z");
            return status;
        };
    }

    public static Function<VolumeSnapshot, VolumeSnapshotStatus> failing(String message) {
        return s -> {
            VolumeSnapshotStatus status = new VolumeSnapshotStatus();
            status.setReadyToUse(false);
            VolumeSnapshotError error = new VolumeSnapshotError();
            error.setMessage(message);
            status.setError(error);
            return status;
        };
    }

    private final SharedIndexInformer<VolumeSnapshot> informer;

    public FakeSnapshotController(KubernetesClient client, Function<VolumeSnapshot, VolumeSnapshotStatus> outcome) {
        // An informer lists before it watches: no snapshot created after this constructor returns is missed.
        informer = client.resources(VolumeSnapshot.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(VolumeSnapshot snapshot) {
                if (snapshot.getStatus() != null) {
                    return;
                }
                VolumeSnapshotStatus status = outcome.apply(snapshot);
                if (status != null) {
                    snapshot.setStatus(status);
                    client.resources(VolumeSnapshot.class).inNamespace(snapshot.getMetadata().getNamespace())
                            .resource(snapshot).updateStatus();
                }
            }

            @Override
            public void onUpdate(VolumeSnapshot old, VolumeSnapshot snapshot) {
            }

            @Override
            public void onDelete(VolumeSnapshot snapshot, boolean deletedFinalStateUnknown) {
            }
        });
    }

    @Override
    public void close() {
        informer.close();
    }
}
