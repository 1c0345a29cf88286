package io.promdr.cli.command;

import io.promdr.cli.config.Settings;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.restore.InPlacePlan;
import io.promdr.core.k8s.restore.InPlaceRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/** {@code promdr snapshots restore}: a new PVC from a VolumeSnapshot, or a StatefulSet's PVC replaced in place. */
@Command(name = "restore", sortOptions = false,
        description = {"Restore a VolumeSnapshot: into a new PVC (--to-pvc), or in place of a StatefulSet's PVC",
                "(--in-place: scale down, replace the PVC, scale up; see docs/runbooks/restore-in-place.md)."})
final class SnapshotsRestoreCommand extends NestedSubcommand {
    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "The VolumeSnapshot's name (`promdr snapshots list`).")
    String snapshot;

    @Option(names = "--to-pvc", paramLabel = "NAME", description = "Create this new PVC from the snapshot.")
    String toPvc;

    @Option(names = "--in-place", description = "Replace --pvc of --statefulset with the snapshot.")
    boolean inPlace;

    @Option(names = "--statefulset", paramLabel = "NAME", description = "With --in-place: the StatefulSet (e.g. prometheus-k8s).")
    String statefulSet;

    @Option(names = "--pvc", paramLabel = "NAME", description = "With --in-place: the PVC to replace.")
    String pvc;

    @Option(names = "--yes", description = "With --in-place: confirm; without it the steps are only printed.")
    boolean yes;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace (default: kubernetes.namespace, else the context's).")
    String namespace;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Per wait (default: 600).")
    long timeoutSeconds;

    @Override
    void run() {
        if (inPlace == (toPvc != null)) {
            throw new PromdrException(ErrorCode.USAGE, "give exactly one of --to-pvc NAME and --in-place",
                    "--to-pvc creates a new PVC; --in-place --statefulset S --pvc P replaces an existing one");
        }
        if (inPlace && (statefulSet == null || pvc == null)) {
            throw new PromdrException(ErrorCode.USAGE, "--in-place needs --statefulset and --pvc",
                    "e.g. --in-place --statefulset prometheus-k8s --pvc prometheus-k8s-db-prometheus-k8s-0");
        }
        Settings settings = KubernetesOptions.settings(root(), null);
        try (KubernetesSession session = KubernetesOptions.connect(settings)) {
            String ns = KubernetesOptions.namespace(null, namespace, settings, session);
            if (toPvc != null) {
                session.pvcFromSnapshot().create(ns, snapshot, toPvc);
                say("PersistentVolumeClaim " + ns + "/" + toPvc + " created from VolumeSnapshot " + snapshot
                        + "; mount it in a Prometheus pod (or restore a Job into it)");
                return;
            }
            InPlacePlan plan = new InPlacePlan(ns, statefulSet, pvc, snapshot, Duration.ofSeconds(timeoutSeconds));
            int replicas = session.inPlace().check(plan);
            if (!yes) {
                out().println("in-place restore plan (nothing done; rerun with --yes to run it):");
                int i = 1;
                for (String step : InPlaceRestore.steps(plan, replicas)) {
                    out().println("  " + i++ + ". " + step);
                }
                out().flush();
                return;
            }
            session.inPlace().run(plan, step -> say(step));
            say("PersistentVolumeClaim " + ns + "/" + pvc + " restored from VolumeSnapshot " + snapshot
                    + "; StatefulSet " + statefulSet + " is back at " + replicas + " ready replicas");
        }
    }
}
