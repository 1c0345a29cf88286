package io.promdr.cli.k8s;

import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.PrometheusReplica;
import io.promdr.core.k8s.ReplicaChoice;
import io.promdr.core.k8s.exec.ExecSnapshotAccess;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;
import io.promdr.core.k8s.snapshot.VolumeSnapshotRequest;
import io.promdr.core.model.BackupId;
import io.promdr.core.prometheus.PrometheusAdminClient;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One run of the volume-snapshot source: find the replicas, optionally quiesce (a TSDB snapshot
 * through a port-forward, so the volume holds a consistent copy under snapshots/), create and
 * wait for one VolumeSnapshot per PVC, then remove the TSDB snapshots (also on failure).
 */
public final class VolumeSnapshotRun {
    private static final Duration SNAPSHOT_API_TIMEOUT = Duration.ofMinutes(10);

    private final KubernetesSession session;
    private final PrintWriter progress;

    public VolumeSnapshotRun(KubernetesSession session, PrintWriter progress) {
        this.session = session;
        this.progress = progress;
    }

    /** Takes the snapshots; returns them, ready. */
    public List<VolumeSnapshot> run(KubernetesSourceSettings source, String namespace, String schedule) {
        ReplicaChoice.Selection selection = Replicas.choose(session, source, namespace, progress);
        Set<String> claims = new LinkedHashSet<>(source.pvcs());
        if (claims.isEmpty()) {
            selection.chosen().forEach(r -> claims.addAll(r.claims()));
        }
        BackupId id = BackupId.newId(Instant.now());
        List<Quiesced> quiesced = new ArrayList<>();
        try {
            if (source.quiesce()) {
                for (PrometheusReplica replica : selection.chosen()) {
                    try (KubernetesSession.ForwardedPrometheus forward = session.portForward(replica)) {
                        String name = new PrometheusAdminClient(forward.url(), SNAPSHOT_API_TIMEOUT).createSnapshot(false);
                        quiesced.add(new Quiesced(session.execAccess(replica), name));
                        progress.println("quiesced " + replica.displayName() + ": TSDB snapshot " + name);
                    }
                }
            }
            return session.volumeSnapshots().take(new VolumeSnapshotRequest(namespace, List.copyOf(claims),
                    source.volumeSnapshotClass(), id.value(), source.source(), schedule, source.readyTimeout()));
        } finally {
            for (Quiesced q : quiesced) {
                try {
                    q.access().remove(q.snapshot());
                } catch (RuntimeException e) {
                    progress.println("warning: could not remove TSDB snapshot " + q.access().describe(q.snapshot()) + ": "
                            + e.getMessage() + " — delete it by hand");
                }
            }
        }
    }

    private record Quiesced(ExecSnapshotAccess access, String snapshot) {
    }
}
