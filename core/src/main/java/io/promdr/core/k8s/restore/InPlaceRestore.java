package io.promdr.core.k8s.restore;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesFailures;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;
import io.promdr.core.k8s.snapshot.VolumeSnapshots;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Restores a StatefulSet replica's volume in place (docs/runbooks/restore-in-place.md):
 * <ol>
 *   <li>check: the StatefulSet, the PVC and a ready snapshot exist; a StatefulSet managed by
 *       prometheus-operator must have its Prometheus resource paused (else the operator scales
 *       it back up at once);</li>
 *   <li>scale the StatefulSet to 0 and wait until its pods are gone;</li>
 *   <li>delete the PVC and wait until it is gone;</li>
 *   <li>create a PVC of the same name from the snapshot;</li>
 *   <li>scale back to the former replica count and wait until all replicas are ready.</li>
 * </ol>
 * A failure after step 2 leaves the StatefulSet at 0 replicas: the message says which step.
 */
public final class InPlaceRestore {
    private final KubernetesClient client;

    public InPlaceRestore(KubernetesClient client) {
        this.client = client;
    }

    /** The steps, as they will be printed and confirmed. */
    public static List<String> steps(InPlacePlan plan, int replicas) {
        String sts = "StatefulSet " + plan.namespace() + "/" + plan.statefulSet();
        return List.of(
                "scale " + sts + " from " + replicas + " to 0 replicas and wait until its pods are gone",
                "delete PersistentVolumeClaim " + plan.claim() + " (its data is lost unless another snapshot holds it)",
                "create PersistentVolumeClaim " + plan.claim() + " from VolumeSnapshot " + plan.snapshot(),
                "scale " + sts + " back to " + replicas + " replicas and wait until they are ready");
    }

    /** Checks everything that can be checked before touching anything; returns the current replica count. */
    public int check(InPlacePlan plan) {
        StatefulSet sts = statefulSet(plan);
        VolumeSnapshot snapshot = new VolumeSnapshots(client).get(plan.namespace(), plan.snapshot());
        if (!snapshot.readyToUse()) {
            throw new PromdrException(ErrorCode.VOLUME_SNAPSHOT_FAILED, "VolumeSnapshot " + plan.snapshot()
                    + " is not readyToUse", "restore from a ready snapshot (`promdr snapshots list`)");
        }
        if (call(plan, "get persistentvolumeclaim " + plan.claim(),
                () -> client.persistentVolumeClaims().inNamespace(plan.namespace()).withName(plan.claim()).get()) == null) {
            throw new PromdrException(ErrorCode.KUBERNETES_OBJECT_NOT_FOUND, "PersistentVolumeClaim " + plan.namespace() + "/"
                    + plan.claim() + " not found", "name the StatefulSet's PVC, e.g. prometheus-k8s-db-prometheus-k8s-0;"
                    + " for a lost PVC use `promdr snapshots restore SNAP --to-pvc NAME`");
        }
        requireOperatorPaused(plan, sts);
        return sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    }

    public void run(InPlacePlan plan, Consumer<String> progress) {
        int replicas = check(plan);
        List<String> steps = steps(plan, replicas);
        progress.accept("1/4 " + steps.get(0));
        scale(plan, 0);
        for (int i = 0; i < replicas; i++) {
            String pod = plan.statefulSet() + "-" + i;
            awaitGone(plan, "pod " + pod + " to be deleted", client.pods().inNamespace(plan.namespace()).withName(pod), 1);
        }
        progress.accept("2/4 " + steps.get(1));
        call(plan, "delete persistentvolumeclaim " + plan.claim(),
                () -> client.persistentVolumeClaims().inNamespace(plan.namespace()).withName(plan.claim()).delete());
        awaitGone(plan, "PersistentVolumeClaim " + plan.claim() + " to be deleted",
                client.persistentVolumeClaims().inNamespace(plan.namespace()).withName(plan.claim()), 2);
        progress.accept("3/4 " + steps.get(2));
        try {
            new PvcFromSnapshot(client).create(plan.namespace(), plan.snapshot(), plan.claim());
        } catch (PromdrException e) {
            throw new PromdrException(e.code(), "in-place restore stopped at step 3/4 with the StatefulSet at 0 replicas: "
                    + e.getMessage(), "fix the cause, create the PVC by hand (runbook step 3), then scale back", e);
        }
        progress.accept("4/4 " + steps.get(3));
        scale(plan, replicas);
        await(plan, replicas + " ready replicas of StatefulSet " + plan.statefulSet(), () -> client.apps().statefulSets()
                .inNamespace(plan.namespace()).withName(plan.statefulSet()).waitUntilCondition(
                        s -> s != null && s.getStatus() != null && s.getStatus().getReadyReplicas() != null
                                && s.getStatus().getReadyReplicas() >= replicas,
                        plan.timeout().toMillis(), TimeUnit.MILLISECONDS), 4);
    }

    private StatefulSet statefulSet(InPlacePlan plan) {
        StatefulSet sts = call(plan, "get statefulset " + plan.statefulSet(),
                () -> client.apps().statefulSets().inNamespace(plan.namespace()).withName(plan.statefulSet()).get());
        if (sts == null) {
            throw new PromdrException(ErrorCode.KUBERNETES_OBJECT_NOT_FOUND, "StatefulSet " + plan.namespace() + "/"
                    + plan.statefulSet() + " not found", "`kubectl get statefulsets -n " + plan.namespace() + "`");
        }
        return sts;
    }

    /** prometheus-operator reconciles its StatefulSets: scaling one it manages only works while its Prometheus is paused. */
    private void requireOperatorPaused(InPlacePlan plan, StatefulSet sts) {
        List<OwnerReference> owners = sts.getMetadata().getOwnerReferences() == null ? List.of()
                : sts.getMetadata().getOwnerReferences();
        for (OwnerReference owner : owners) {
            if ("Prometheus".equals(owner.getKind()) && owner.getApiVersion().startsWith("monitoring.coreos.com/")) {
                GenericKubernetesResource prometheus = call(plan, "get prometheus " + owner.getName(), () -> client
                        .genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("monitoring.coreos.com")
                                .withVersion(owner.getApiVersion().substring(owner.getApiVersion().indexOf('/') + 1))
                                .withKind("Prometheus").withPlural("prometheuses").withNamespaced(true).build())
                        .inNamespace(plan.namespace())
                        .withName(owner.getName()).get());
                Object spec = prometheus == null ? null : prometheus.getAdditionalProperties().get("spec");
                boolean paused = spec instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("paused"));
                if (!paused) {
                    throw new PromdrException(ErrorCode.USAGE, "StatefulSet " + plan.statefulSet() + " is managed by Prometheus "
                            + owner.getName() + ", which is not paused: the operator would undo the scale-down",
                            "kubectl patch prometheus " + owner.getName() + " -n " + plan.namespace()
                                    + " --type merge -p '{\"spec\":{\"paused\":true}}', then rerun; unpause afterwards");
                }
            }
        }
    }

    /**
     * A merge patch of spec.replicas alone, without a resourceVersion: the StatefulSet controller
     * updates the status all the time, and an edit (read, change, write back with the version read)
     * fails with 409 Conflict whenever it did so in between.
     */
    private void scale(InPlacePlan plan, int replicas) {
        call(plan, "patch statefulset " + plan.statefulSet(), () -> client.apps().statefulSets().inNamespace(plan.namespace())
                .withName(plan.statefulSet())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}"));
    }

    private static <T> T call(InPlacePlan plan, String what, Supplier<T> call) {
        return KubernetesFailures.call(what + " in namespace " + plan.namespace(), call);
    }

    /**
     * Waits until the object is gone. A watch started after the deletion never sees it happen, so
     * the wait is cut into one-second watches, each preceded by a get.
     */
    private static void awaitGone(InPlacePlan plan, String what, Resource<?> resource, int step) {
        long deadline = System.nanoTime() + plan.timeout().toNanos();
        await(plan, what, () -> {
            while (resource.get() != null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new KubernetesClientTimeoutException(List.of(), plan.timeout().toMillis(), TimeUnit.MILLISECONDS);
                }
                try {
                    resource.waitUntilCondition(Objects::isNull, Math.min(left, 1000), TimeUnit.MILLISECONDS);
                    return;
                } catch (KubernetesClientTimeoutException sliceOver) {
                    // look again
                }
            }
        }, step);
    }

    private static void await(InPlacePlan plan, String what, Runnable wait, int step) {
        try {
            wait.run();
        } catch (KubernetesClientTimeoutException e) {
            throw new PromdrException(ErrorCode.KUBERNETES_TIMEOUT, "in-place restore step " + step + "/4: waited "
                    + plan.timeout().toSeconds() + "s for " + what, "check `kubectl get events -n " + plan.namespace()
                    + "`; follow docs/runbooks/restore-in-place.md from step " + step, e);
        } catch (KubernetesClientException e) {
            throw KubernetesFailures.translate("wait for " + what, e);
        }
    }
}
