package io.promdr.cli.command;

import io.promdr.backup.BackupResult;
import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.cli.config.Settings;
import io.promdr.cli.jobs.JobContext;
import io.promdr.cli.k8s.KubernetesBackupRun;
import io.promdr.cli.k8s.VolumeSnapshotRun;
import io.promdr.cli.output.HumanFormat;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;
import io.promdr.core.model.Manifest;

import java.util.List;

/**
 * The part of {@code promdr backup} for a source with {@code kubernetes:} (docs/kubernetes.md):
 * access exec streams the snapshot into the repository; access volume-snapshot takes
 * VolumeSnapshots (the repository is not written; `promdr snapshots list` shows them).
 */
final class KubernetesBackupCommandRun {
    private final BackupCommand command;
    private final Settings settings;
    private final KubernetesSourceSettings source;

    KubernetesBackupCommandRun(BackupCommand command, Settings settings, KubernetesSourceSettings source) {
        this.command = command;
        this.settings = settings;
        this.source = source;
    }

    void run() {
        try (KubernetesSession session = KubernetesOptions.connect(settings)) {
            String ns = KubernetesOptions.namespace(source, null, settings, session);
            if (source.access() == KubernetesSourceSettings.Access.VOLUME_SNAPSHOT) {
                List<VolumeSnapshot> taken = new VolumeSnapshotRun(session, command.err()).run(source, ns, null);
                for (VolumeSnapshot s : taken) {
                    command.say("VolumeSnapshot " + ns + "/" + s.getMetadata().getName() + " of PVC "
                            + s.getSpec().getSource().getPersistentVolumeClaimName() + " is ready");
                }
                return;
            }
            try (JobContext jobs = JobContext.start(settings)) {
                List<BackupResult> results = new KubernetesBackupRun(session, jobs.backupService(), command.err())
                        .run(source, ns, settings.zstdLevel());
                for (BackupResult result : results) {
                    Manifest m = result.manifest();
                    command.say("backup " + m.backupId() + " of source " + m.source().name() + " committed: "
                            + m.blocks().size() + " blocks, " + result.blocksUploaded() + " uploaded ("
                            + HumanFormat.bytes(result.bytesUploaded()) + "), " + result.blocksReused()
                            + " already stored; took " + HumanFormat.duration(result.duration()));
                }
            }
        }
    }
}
