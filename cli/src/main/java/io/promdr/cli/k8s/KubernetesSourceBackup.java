package io.promdr.cli.k8s;

import io.promdr.backup.BackupResult;
import io.promdr.backup.BackupService;
import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.cli.config.Settings;
import io.promdr.cli.output.HumanFormat;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;
import io.promdr.core.model.Manifest;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A backup of a source with {@code kubernetes:} (docs/kubernetes.md), the same for
 * {@code promdr backup} and for a scheduled backup ({@code schedule exec} in a CronJob, or
 * {@code schedule run}): access exec streams the snapshot into the repository; access
 * volume-snapshot takes VolumeSnapshots labelled with the schedule (the repository is not written).
 */
public final class KubernetesSourceBackup {

    /** What was done: the committed backups (exec) and one line per backup or VolumeSnapshot. */
    public record Outcome(List<BackupResult> backups, List<String> lines) {
    }

    private KubernetesSourceBackup() {
    }

    /**
     * @param schedule the schedule that runs it, or null when run by hand (VolumeSnapshots are labelled with it)
     */
    public static Outcome run(Settings settings, KubernetesSourceSettings source, String schedule, BackupService backups,
                              PrintWriter warnings) {
        try (KubernetesSession session = KubernetesSession.connect(KubernetesSourceSettings.connection(settings))) {
            String ns = source.namespace() != null ? source.namespace()
                    : KubernetesSourceSettings.namespace(null, settings, session.defaultNamespace());
            List<String> lines = new ArrayList<>();
            if (source.access() == KubernetesSourceSettings.Access.VOLUME_SNAPSHOT) {
                for (VolumeSnapshot s : new VolumeSnapshotRun(session, warnings).run(source, ns, schedule)) {
                    lines.add("VolumeSnapshot " + ns + "/" + s.getMetadata().getName() + " of PVC "
                            + s.getSpec().getSource().getPersistentVolumeClaimName() + " is ready");
                }
                return new Outcome(List.of(), lines);
            }
            List<BackupResult> results = new KubernetesBackupRun(session, backups, warnings).run(source, ns, settings.zstdLevel());
            for (BackupResult result : results) {
                Manifest m = result.manifest();
                lines.add("backup " + m.backupId() + " of source " + m.source().name() + " committed: "
                        + m.blocks().size() + " blocks, " + result.blocksUploaded() + " uploaded ("
                        + HumanFormat.bytes(result.bytesUploaded()) + "), " + result.blocksReused()
                        + " already stored; took " + HumanFormat.duration(result.duration()));
            }
            return new Outcome(results, lines);
        }
    }
}
