package io.promdr.core.k8s.snapshot;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Creates, waits for, lists and deletes promdr's VolumeSnapshots. API calls: get
 * persistentvolumeclaims; create, get, list, watch, delete volumesnapshots (see
 * io.promdr.core.k8s.KubernetesPermissions).
 */
public final class VolumeSnapshots {
    private static final Logger log = LoggerFactory.getLogger(VolumeSnapshots.class);
    private static final int MAX_NAME = 253;

    private final KubernetesClient client;

    public VolumeSnapshots(KubernetesClient client) {
        this.client = client;
    }

    private MixedOperation<VolumeSnapshot, KubernetesResourceList<VolumeSnapshot>, Resource<VolumeSnapshot>> snapshots() {
        return client.resources(VolumeSnapshot.class);
    }

    /**
     * Creates one VolumeSnapshot per claim and waits until every one is readyToUse. A snapshot
     * whose controller reports status.error fails the run with VOLUME_SNAPSHOT_FAILED; one not
     * ready in time with KUBERNETES_TIMEOUT. Failed snapshots are left in place for inspection
     * (their labels say which run made them); the ready ones are returned.
     */
    public List<VolumeSnapshot> take(VolumeSnapshotRequest request) {
        for (String claim : request.claims()) {
            requireClaim(request.namespace(), claim);
        }
        List<VolumeSnapshot> created = new ArrayList<>();
        for (String claim : request.claims()) {
            created.add(create(request, claim));
        }
        List<VolumeSnapshot> ready = new ArrayList<>();
        for (VolumeSnapshot snapshot : created) {
            ready.add(awaitReady(request.namespace(), snapshot.getMetadata().getName(), request.readyTimeout()));
        }
        return ready;
    }

    /** promdr's VolumeSnapshots in the namespace (of one source, or all when null), oldest first. */
    public List<VolumeSnapshot> list(String namespace, String source) {
        List<VolumeSnapshot> items = KubernetesFailures.call("list volumesnapshots in namespace " + namespace, () -> {
            var query = snapshots().inNamespace(namespace);
            return (source == null ? query.withLabel(SnapshotLabels.BACKUP_ID) : query.withLabel(SnapshotLabels.BACKUP_ID)
                    .withLabel(SnapshotLabels.SOURCE, source)).list().getItems();
        });
        List<VolumeSnapshot> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing((VolumeSnapshot s) -> s.getMetadata().getLabels().get(SnapshotLabels.BACKUP_ID))
                .thenComparing(s -> s.getMetadata().getName()));
        return sorted;
    }

    public VolumeSnapshot get(String namespace, String name) {
        VolumeSnapshot snapshot = KubernetesFailures.call("get volumesnapshot " + namespace + "/" + name,
                () -> snapshots().inNamespace(namespace).withName(name).get());
        if (snapshot == null) {
            throw new PromdrException(ErrorCode.KUBERNETES_OBJECT_NOT_FOUND,
                    "VolumeSnapshot " + name + " not found in namespace " + namespace, "`promdr snapshots list`");
        }
        return snapshot;
    }

    public void delete(String namespace, String name) {
        KubernetesFailures.call("delete volumesnapshot " + namespace + "/" + name,
                () -> snapshots().inNamespace(namespace).withName(name).delete());
    }

    /** Waits (watching the object, no polling loop) until ready or failed. */
    public VolumeSnapshot awaitReady(String namespace, String name, Duration timeout) {
        VolumeSnapshot done;
        try {
            done = snapshots().inNamespace(namespace).withName(name).waitUntilCondition(
                    s -> s == null || s.readyToUse() || s.errorMessage() != null, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new PromdrException(ErrorCode.KUBERNETES_TIMEOUT, "VolumeSnapshot " + namespace + "/" + name
                    + " not readyToUse after " + timeout.toMillis() / 1000.0 + "s",
                    "check the CSI driver and the snapshot controller (`kubectl describe volumesnapshot -n " + namespace
                            + " " + name + "`), or raise readyTimeout", e);
        } catch (KubernetesClientException e) {
            throw KubernetesFailures.translate("watch volumesnapshot " + namespace + "/" + name, e);
        }
        if (done == null) {
            throw new PromdrException(ErrorCode.VOLUME_SNAPSHOT_FAILED, "VolumeSnapshot " + namespace + "/" + name
                    + " was deleted while promdr waited for it", "check who deletes VolumeSnapshots in " + namespace);
        }
        if (done.errorMessage() != null) {
            throw new PromdrException(ErrorCode.VOLUME_SNAPSHOT_FAILED, "VolumeSnapshot " + namespace + "/" + name
                    + " failed: " + done.errorMessage().replaceAll("\\s+", " "),
                    "check the VolumeSnapshotClass, the CSI driver's logs and `kubectl describe volumesnapshot -n "
                            + namespace + " " + name + "`");
        }
        log.info("VolumeSnapshot {}/{} is ready", namespace, name);
        return done;
    }

    private VolumeSnapshot create(VolumeSnapshotRequest request, String claim) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SnapshotLabels.BACKUP_ID, request.backupId());
        labels.put(SnapshotLabels.SOURCE, request.source());
        labels.put(SnapshotLabels.SCHEDULE, request.schedule() == null ? SnapshotLabels.MANUAL : request.schedule());
        labels.put(SnapshotLabels.CLAIM, claim.length() <= 63 ? claim : claim.substring(0, 63));
        VolumeSnapshotSpec spec = new VolumeSnapshotSpec();
        spec.setSource(VolumeSnapshotSource.ofClaim(claim));
        spec.setVolumeSnapshotClassName(request.snapshotClass());
        VolumeSnapshot snapshot = new VolumeSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withName(name(claim, request.backupId()))
                .withNamespace(request.namespace()).withLabels(labels).build());
        snapshot.setSpec(spec);
        VolumeSnapshot created = KubernetesFailures.call("create volumesnapshot of claim " + request.namespace() + "/" + claim,
                () -> snapshots().inNamespace(request.namespace()).resource(snapshot).create());
        log.info("Created VolumeSnapshot {}/{} of claim {}", request.namespace(), created.getMetadata().getName(), claim);
        return created;
    }

    /** {@code <claim>-<backup id, lower case>}, shortened from the claim's end if needed (names are DNS subdomains). */
    static String name(String claim, String backupId) {
        String suffix = "-" + backupId.toLowerCase(Locale.ROOT);
        String base = claim.length() + suffix.length() > MAX_NAME ? claim.substring(0, MAX_NAME - suffix.length()) : claim;
        return base + suffix;
    }

    private void requireClaim(String namespace, String claim) {
        PersistentVolumeClaim pvc;
        try {
            pvc = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
        } catch (KubernetesClientException e) {
            throw KubernetesFailures.translate("get persistentvolumeclaim " + namespace + "/" + claim, e);
        }
        if (pvc == null) {
            throw new PromdrException(ErrorCode.KUBERNETES_OBJECT_NOT_FOUND,
                    "PersistentVolumeClaim " + claim + " not found in namespace " + namespace,
                    "check the source's pvcs (`kubectl get pvc -n " + namespace + "`)");
        }
    }
}
