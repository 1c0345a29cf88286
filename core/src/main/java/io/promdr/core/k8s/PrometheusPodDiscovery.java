package io.promdr.core.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds the Prometheus pods of a source (namespace + label selector, or a prometheus-operator
 * resource name) and reads from each pod spec where its TSDB lives and which port it serves.
 * API calls: list pods, get persistentvolumeclaims (see {@link KubernetesPermissions}).
 */
public final class PrometheusPodDiscovery {
    private final KubernetesClient client;

    public PrometheusPodDiscovery(KubernetesClient client) {
        this.client = client;
    }

    /** Every matching pod, sorted by name, ready or not; PROMETHEUS_PODS_NOT_FOUND when there is none. */
    public List<PrometheusReplica> discover(PrometheusSelector selector) {
        List<Pod> pods = KubernetesFailures.call("list " + selector.describe(), () ->
                client.pods().inNamespace(selector.namespace()).withLabels(selector.labels()).list().getItems());
        if (pods.isEmpty()) {
            throw new PromdrException(ErrorCode.PROMETHEUS_PODS_NOT_FOUND, "no " + selector.describe(),
                    "check the source's namespace and selector (or prometheus:) with `kubectl get pods -n "
                            + selector.namespace() + " --show-labels`");
        }
        List<PrometheusReplica> replicas = new ArrayList<>();
        for (Pod pod : pods) {
            replicas.add(replica(pod, selector));
        }
        replicas.sort(Comparator.comparing(PrometheusReplica::pod));
        return replicas;
    }

    private PrometheusReplica replica(Pod pod, PrometheusSelector selector) {
        String name = pod.getMetadata().getName();
        Container container = pod.getSpec().getContainers().stream()
                .filter(c -> selector.container().equals(c.getName())).findFirst().orElse(null);
        List<String> claims = pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes().stream()
                .map(Volume::getPersistentVolumeClaim).filter(Objects::nonNull)
                .map(c -> c.getClaimName()).toList();
        Instant since = historySince(pod, claims);
        if (container == null) {
            return new PrometheusReplica(selector.namespace(), name, selector.container(), null, 0, "/", false, claims,
                    since, "has no container named " + selector.container());
        }
        PrometheusArgs args = new PrometheusArgs(container.getCommand(), container.getArgs(), container.getWorkingDir());
        String problem = readiness(pod);
        return new PrometheusReplica(selector.namespace(), name, container.getName(), args.dataDir(), args.webPort(),
                args.routePrefix(), problem == null, claims, since, problem);
    }

    /** Null when the pod is running and Ready, else what is wrong with it. */
    private static String readiness(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "is being deleted";
        }
        if (!"Running".equals(phase)) {
            return "is not running (phase " + (phase == null ? "unknown" : phase) + ")";
        }
        List<PodCondition> conditions = pod.getStatus().getConditions() == null ? List.of() : pod.getStatus().getConditions();
        boolean ready = conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return ready ? null : "is not ready";
    }

    /** The oldest creation time of the pod's claims (history outlives pods), else the pod's start time. */
    private Instant historySince(Pod pod, List<String> claims) {
        Instant oldest = null;
        for (String claim : claims) {
            PersistentVolumeClaim pvc = KubernetesFailures.call("get persistentvolumeclaim " + claim, () ->
                    client.persistentVolumeClaims().inNamespace(pod.getMetadata().getNamespace()).withName(claim).get());
            Instant created = pvc == null ? null : parse(pvc.getMetadata().getCreationTimestamp());
            if (created != null && (oldest == null || created.isBefore(oldest))) {
                oldest = created;
            }
        }
        if (oldest != null) {
            return oldest;
        }
        return pod.getStatus() == null ? null : parse(pod.getStatus().getStartTime());
    }

    private static Instant parse(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
