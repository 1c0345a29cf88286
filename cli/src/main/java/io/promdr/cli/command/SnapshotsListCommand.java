package io.promdr.cli.command;

import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.cli.config.Settings;
import io.promdr.cli.output.JsonOutput;
import io.promdr.cli.output.TextTable;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.snapshot.SnapshotLabels;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/** {@code promdr snapshots list}: promdr's VolumeSnapshots, oldest first. */
@Command(name = "list", sortOptions = false, description = "List the VolumeSnapshots promdr took, oldest first.")
final class SnapshotsListCommand extends NestedSubcommand {
    @Option(names = "--source", paramLabel = "NAME", description = "Only this source's snapshots (default: all sources).")
    String source;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace (default: the source's, else kubernetes.namespace, else the context's).")
    String namespace;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json.")
    OutputFormat output;

    /** The JSON form of one snapshot (docs/cli.md, "snapshots list"). */
    record SnapshotView(String name, String namespace, String backupId, String source, String schedule, String claim,
                        boolean readyToUse, String error, String restoreSize, String creationTime) {
        static SnapshotView of(VolumeSnapshot s) {
            Map<String, String> labels = s.getMetadata().getLabels();
            var status = s.getStatus();
            return new SnapshotView(s.getMetadata().getName(), s.getMetadata().getNamespace(), labels.get(SnapshotLabels.BACKUP_ID),
                    labels.get(SnapshotLabels.SOURCE), labels.get(SnapshotLabels.SCHEDULE),
                    s.getSpec() == null || s.getSpec().getSource() == null ? null
                            : s.getSpec().getSource().getPersistentVolumeClaimName(),
                    s.readyToUse(), s.errorMessage(), status == null ? null : status.getRestoreSize(),
                    status == null || status.getCreationTime() == null ? s.getMetadata().getCreationTimestamp()
                            : status.getCreationTime());
        }
    }

    @Override
    void run() {
        Settings settings = KubernetesOptions.settings(root(), source);
        KubernetesSourceSettings k = source == null ? null : KubernetesSourceSettings.of(settings).orElse(null);
        try (KubernetesSession session = KubernetesOptions.connect(settings)) {
            String ns = KubernetesOptions.namespace(k, namespace, settings, session);
            List<SnapshotView> views = session.volumeSnapshots().list(ns, source).stream().map(SnapshotView::of).toList();
            if (output == OutputFormat.json) {
                JsonOutput.print(out(), views);
                return;
            }
            TextTable table = new TextTable("NAME", "BACKUP ID", "SOURCE", "SCHEDULE", "PVC", "STATUS", "SIZE");
            for (SnapshotView v : views) {
                table.row(v.name(), v.backupId(), v.source(), v.schedule(), v.claim() == null ? "" : v.claim(),
                        v.error() != null ? "failed: " + v.error() : v.readyToUse() ? "ready" : "in progress",
                        v.restoreSize() == null ? "" : v.restoreSize());
            }
            table.print(out());
            out().flush();
        }
    }
}
