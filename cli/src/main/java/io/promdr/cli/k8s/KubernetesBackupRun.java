package io.promdr.cli.k8s;

import io.promdr.backup.BackupRequest;
import io.promdr.backup.BackupResult;
import io.promdr.backup.BackupService;
import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.PrometheusReplica;
import io.promdr.core.k8s.ReplicaChoice;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code promdr backup} of a Kubernetes source with access exec: for each chosen replica, a
 * port-forward to its web port for the snapshot API and the exec access for the files, then the
 * ordinary backup job. With replicas: all each replica is its own repository source
 * ({@code <source>-<pod>}); a replica that fails is reported and the run fails only when none
 * succeeded.
 */
public final class KubernetesBackupRun {
    private final KubernetesSession session;
    private final BackupService backups;
    private final PrintWriter warnings;

    public KubernetesBackupRun(KubernetesSession session, BackupService backups, PrintWriter warnings) {
        this.session = session;
        this.backups = backups;
        this.warnings = warnings;
    }

    public List<BackupResult> run(KubernetesSourceSettings source, String namespace, int zstdLevel) {
        ReplicaChoice.Selection selection = Replicas.choose(session, source, namespace, warnings);
        List<BackupResult> results = new ArrayList<>();
        PromdrException last = null;
        for (PrometheusReplica replica : selection.chosen()) {
            String name = source.replicas() == ReplicaChoice.ALL ? sourceName(source.source(), replica.pod()) : source.source();
            try (KubernetesSession.ForwardedPrometheus forward = session.portForward(replica)) {
                results.add(backups.backup(new BackupRequest(name, forward.url(), Path.of(replica.dataDir()), zstdLevel),
                        session.execAccess(replica)));
            } catch (PromdrException e) {
                if (selection.chosen().size() == 1) {
                    throw e;
                }
                warnings.println("warning: backup of replica " + replica.displayName() + " failed: " + e.getMessage());
                warnings.flush();
                last = e;
            }
        }
        if (results.isEmpty() && last != null) {
            throw last;
        }
        return results;
    }

    /** {@code <source>-<pod>}, cut to the 63 characters a source name may have. */
    static String sourceName(String source, String pod) {
        String name = source + "-" + pod;
        return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("[-._]+$", "");
    }
}
