package io.promdr.core.k8s;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Pods and PVCs shaped like prometheus-operator's (kube-prometheus-stack), for the mock API server. */
public final class PrometheusPods {
    private PrometheusPods() {
    }

    /** Pod {@code prometheus-k8s-<n>} of StatefulSet prometheus-k8s with PVC prometheus-k8s-db-prometheus-k8s-<n>. */
    public static Pod pod(String namespace, int ordinal, boolean ready, String startTime) {
        String name = "prometheus-k8s-" + ordinal;
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", "prometheus").addToLabels("prometheus", "k8s")
                .endMetadata()
                .withNewSpec()
                .addNewContainer().withName("config-reloader").withImage("quay.io/prometheus-operator/prometheus-config-reloader")
                .endContainer()
                .addNewContainer().withName("prometheus").withImage("quay.io/prometheus/prometheus:v3.5.0")
                .withArgs("--web.console.templates=/etc/prometheus/consoles", "--storage.tsdb.retention.time=24h",
                        "--config.file=/etc/prometheus/config_out/prometheus.env.yaml",
                        "--storage.tsdb.path=/prometheus", "--web.enable-admin-api",
                        "--web.listen-address=:9090", "--web.route-prefix=/")
                .endContainer()
                .addNewVolume().withName("prometheus-k8s-db").withNewPersistentVolumeClaim()
                .withClaimName(claim(ordinal)).endPersistentVolumeClaim().endVolume()
                .endSpec()
                .withNewStatus().withPhase(ready ? "Running" : "Pending").withStartTime(startTime)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }

    public static String claim(int ordinal) {
        return "prometheus-k8s-db-prometheus-k8s-" + ordinal;
    }

    public static PersistentVolumeClaim pvc(String namespace, int ordinal) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(claim(ordinal)).withNamespace(namespace).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("csi-hostpath-sc")
                .withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources()
                .endSpec().build();
    }

    /** Creates the pod and its PVC; returns the PVC's creation timestamp as the mock server set it. */
    public static void create(KubernetesClient client, String namespace, int ordinal, boolean ready, String startTime) {
        client.persistentVolumeClaims().inNamespace(namespace).resource(pvc(namespace, ordinal)).create();
        client.pods().inNamespace(namespace).resource(pod(namespace, ordinal, ready, startTime)).create();
    }
}
