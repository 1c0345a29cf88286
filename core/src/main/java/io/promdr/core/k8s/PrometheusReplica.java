package io.promdr.core.k8s;

import java.time.Instant;
import java.util.List;

/**
 * One Prometheus pod found by {@link PrometheusPodDiscovery}.
 *
 * @param namespace   the pod's namespace
 * @param pod         the pod's name
 * @param container   the Prometheus container
 * @param dataDir     {@code --storage.tsdb.path} inside the container (absolute)
 * @param webPort     the port of {@code --web.listen-address}
 * @param routePrefix {@code --web.route-prefix} ("/" when unset)
 * @param ready       the pod's Ready condition is True
 * @param claims      the PVCs the pod mounts, in volume order
 * @param historySince when the replica's history starts at the latest: the creation time of its
 *                    oldest PVC (the volume keeps history across pod restarts), else the pod's
 *                    start time; null when neither is known
 * @param problem     why the pod is not usable ("not ready: ..."), or null
 */
public record PrometheusReplica(String namespace, String pod, String container, String dataDir, int webPort,
                                String routePrefix, boolean ready, List<String> claims, Instant historySince,
                                String problem) {

    public String displayName() {
        return namespace + "/" + pod;
    }
}
