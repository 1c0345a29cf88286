package io.promdr.cli.command;

import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.cli.config.Settings;
import io.promdr.cli.k8s.VolumeSnapshotRun;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code promdr snapshots create}: VolumeSnapshots of a Kubernetes source's PVCs, waited for. */
@Command(name = "create", sortOptions = false,
        description = {"Take CSI VolumeSnapshots of a Kubernetes source's PVCs and wait until they are readyToUse.",
                "With quiesce: true a TSDB snapshot is taken first (and removed afterwards)."})
final class SnapshotsCreateCommand extends NestedSubcommand {
    @Option(names = "--source", paramLabel = "NAME", description = "The Kubernetes source (default: source, else the only one).")
    String source;

    @Option(names = "--schedule", paramLabel = "NAME", description = "Schedule name for the promdr.io/schedule label (default: manual).")
    String schedule;

    @Override
    void run() {
        Settings settings = KubernetesOptions.settings(root(), source);
        KubernetesSourceSettings k = KubernetesOptions.requireSource(settings);
        try (KubernetesSession session = KubernetesOptions.connect(settings)) {
            String ns = KubernetesOptions.namespace(k, null, settings, session);
            List<VolumeSnapshot> taken = new VolumeSnapshotRun(session, err()).run(k, ns, schedule);
            for (VolumeSnapshot s : taken) {
                say("VolumeSnapshot " + ns + "/" + s.getMetadata().getName() + " of PVC "
                        + s.getSpec().getSource().getPersistentVolumeClaimName() + " is ready"
                        + (s.getStatus().getRestoreSize() == null ? "" : " (" + s.getStatus().getRestoreSize() + ")"));
            }
        }
    }
}
