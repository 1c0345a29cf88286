package io.promdr.core.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.exec.ExecSnapshotAccess;
import io.promdr.core.k8s.exec.Fabric8PodExec;
import io.promdr.core.k8s.restore.InPlaceRestore;
import io.promdr.core.k8s.restore.PvcFromSnapshot;
import io.promdr.core.k8s.restore.RestoreJobLauncher;
import io.promdr.core.k8s.snapshot.VolumeSnapshots;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;

/**
 * promdr's connection to one cluster: the services above the fabric8 client, so that the CLI
 * never touches io.fabric8 (only core does). Close it to close the client.
 */
public final class KubernetesSession implements AutoCloseable {
    private final KubernetesClient client;

    public KubernetesSession(KubernetesClient client) {
        this.client = client;
    }

    public static KubernetesSession connect(KubernetesConnection connection) {
        return new KubernetesSession(KubernetesClients.connect(connection));
    }

    /** A session for a quick look (promdr doctor): no retries, {@code timeout} per request. */
    public static KubernetesSession connectQuickly(KubernetesConnection connection, java.time.Duration timeout) {
        return new KubernetesSession(KubernetesClients.connectQuickly(connection, timeout));
    }

    /** The namespace of the context or service account (or kubernetes.namespace). */
    public String defaultNamespace() {
        String ns = client.getNamespace();
        return ns == null ? "default" : ns;
    }

    public PrometheusPodDiscovery discovery() {
        return new PrometheusPodDiscovery(client);
    }

    public VolumeSnapshots volumeSnapshots() {
        return new VolumeSnapshots(client);
    }

    public PvcFromSnapshot pvcFromSnapshot() {
        return new PvcFromSnapshot(client);
    }

    public RestoreJobLauncher restoreJobs() {
        return new RestoreJobLauncher(client);
    }

    public InPlaceRestore inPlace() {
        return new InPlaceRestore(client);
    }

    /** What this identity may do (SelfSubjectAccessReview) and the server's version: promdr doctor. */
    public AccessReviews accessReviews() {
        return new AccessReviews(client);
    }

    /** The replica's snapshot files, read with tar through the exec API. */
    public ExecSnapshotAccess execAccess(PrometheusReplica replica) {
        return new ExecSnapshotAccess(new Fabric8PodExec(client, replica.namespace(), replica.pod(), replica.container()),
                replica.dataDir());
    }

    /** A forward from 127.0.0.1 (a free port) to the replica's web port; its URL reaches Prometheus' API. */
    public ForwardedPrometheus portForward(PrometheusReplica replica) {
        LocalPortForward forward;
        try {
            forward = client.pods().inNamespace(replica.namespace()).withName(replica.pod())
                    .portForward(replica.webPort(), InetAddress.getLoopbackAddress(), 0);
        } catch (KubernetesClientException e) {
            throw KubernetesFailures.translate("port-forward to pod " + replica.displayName(), e);
        }
        String prefix = replica.routePrefix().endsWith("/") ? replica.routePrefix().substring(0, replica.routePrefix().length() - 1)
                : replica.routePrefix();
        URI url = URI.create("http://127.0.0.1:" + forward.getLocalPort() + prefix);
        return new ForwardedPrometheus(url, () -> {
            try {
                forward.close();
            } catch (IOException e) {
                throw new PromdrException(ErrorCode.KUBERNETES_UNREACHABLE, "closing the port-forward to "
                        + replica.displayName() + " failed: " + e.getMessage(), null, e);
            }
        });
    }

    /** A Prometheus reached through a port-forward; closing ends the forward. */
    public record ForwardedPrometheus(URI url, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
