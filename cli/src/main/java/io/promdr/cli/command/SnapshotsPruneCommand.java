package io.promdr.cli.command;

import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.cli.config.Settings;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.snapshot.SnapshotLabels;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;
import io.promdr.core.k8s.snapshot.VolumeSnapshotRetention;
import io.promdr.core.retention.RetentionDecision;
import io.promdr.core.retention.RetentionPlan;
import io.promdr.core.retention.RetentionPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code promdr snapshots prune}: deletes the VolumeSnapshot runs the retention policy of their
 * source does not keep (the same engine and policy as {@code promdr prune}).
 */
@Command(name = "prune", sortOptions = false,
        description = {"Delete promdr's VolumeSnapshots that the retention policy does not keep.",
                "One run (one backup id) is kept or deleted as a whole; runs not yet ready are always kept."})
final class SnapshotsPruneCommand extends NestedSubcommand {
    @Option(names = "--source", paramLabel = "NAME", description = "Only this source's snapshots (default: every source).")
    String source;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace (default: the source's, else kubernetes.namespace, else the context's).")
    String namespace;

    @Option(names = "--dry-run", description = "Print what would be kept and deleted, delete nothing.")
    boolean dryRun;

    @Override
    void run() {
        Settings settings = KubernetesOptions.settings(root(), source);
        KubernetesSourceSettings k = source == null ? null : KubernetesSourceSettings.of(settings).orElse(null);
        try (KubernetesSession session = KubernetesOptions.connect(settings)) {
            String ns = KubernetesOptions.namespace(k, namespace, settings, session);
            Map<String, List<VolumeSnapshot>> bySource = new TreeMap<>();
            for (VolumeSnapshot s : session.volumeSnapshots().list(ns, source)) {
                bySource.computeIfAbsent(s.getMetadata().getLabels().get(SnapshotLabels.SOURCE), x -> new java.util.ArrayList<>())
                        .add(s);
            }
            int deleted = 0;
            for (Map.Entry<String, List<VolumeSnapshot>> entry : bySource.entrySet()) {
                RetentionPolicy policy = settings.retention().rules().policyOf(entry.getKey());
                if (policy.isEmpty()) {
                    throw new PromdrException(ErrorCode.RETENTION_POLICY_EMPTY, "no retention policy for source " + entry.getKey(),
                            "set retention: (or sources." + entry.getKey() + ".retention) keep* rules, see docs/configuration.md");
                }
                Map<String, List<VolumeSnapshot>> runs = VolumeSnapshotRetention.runs(entry.getValue());
                RetentionPlan plan = VolumeSnapshotRetention.plan(runs, policy, settings.retention().rules().zone(),
                        root().environment().clock().instant());
                for (RetentionDecision decision : plan.decisions()) {
                    say((decision.keep() ? "keep   " : dryRun ? "would delete " : "delete ") + entry.getKey() + " "
                            + decision.id() + " (" + runs.get(decision.id()).size() + " VolumeSnapshots): "
                            + String.join(", ", decision.reasons()));
                    if (!decision.keep() && !dryRun) {
                        for (VolumeSnapshot s : runs.get(decision.id())) {
                            session.volumeSnapshots().delete(ns, s.getMetadata().getName());
                            deleted++;
                        }
                    }
                }
            }
            say(dryRun ? "dry run: nothing was deleted" : "deleted " + deleted + " VolumeSnapshots");
        }
    }
}
