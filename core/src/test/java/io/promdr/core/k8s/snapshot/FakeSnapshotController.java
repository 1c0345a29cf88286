package io.promdr.core.k8s.snapshot;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

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

    private final Watch watch;

    public FakeSnapshotController(KubernetesClient client, Function<VolumeSnapshot, VolumeSnapshotStatus> outcome) {
        watch = client.resources(VolumeSnapshot.class).inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, VolumeSnapshot snapshot) {
                if (action != Action.ADDED || snapshot.getStatus() != null) {
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
            public void onClose(WatcherException cause) {
            }
        });
    }

    @Override
    public void close() {
        watch.close();
    }
}
