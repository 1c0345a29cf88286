package io.promdr.core.k8s;

import java.nio.file.Path;

/**
 * How to reach the Kubernetes API (the {@code kubernetes:} settings).
 *
 * @param kubeconfig kubeconfig file; null: in-cluster service account when running in a pod,
 *                   else {@code $KUBECONFIG} or {@code ~/.kube/config}
 * @param context    kubeconfig context; null: the current one
 * @param namespace  default namespace; null: the context's or the service account's
 */
public record KubernetesConnection(Path kubeconfig, String context, String namespace) {
    public static KubernetesConnection defaults() {
        return new KubernetesConnection(null, null, null);
    }
}
