package io.promdr.cli.config;

/**
 * {@code kubernetes:} how promdr reaches the Kubernetes API, and what it creates there (restore
 * Jobs, rendered CronJobs). Every field is optional.
 *
 * @param kubeconfig     kubeconfig file; unset: in-cluster service account when running in a pod,
 *                       else {@code $KUBECONFIG} or {@code ~/.kube/config}
 * @param context        kubeconfig context; unset: the current one
 * @param namespace      namespace of the Prometheus pods and of what promdr creates; unset: the
 *                       context's or the service account's namespace
 * @param image          promdr container image for the Jobs and CronJobs promdr creates or renders
 * @param serviceAccount service account of those Jobs and CronJobs
 */
public record KubernetesConfig(String kubeconfig, String context, String namespace, String image, String serviceAccount) {

    static KubernetesConfig merge(KubernetesConfig lower, KubernetesConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new KubernetesConfig(Layers.pick(lower.kubeconfig, higher.kubeconfig), Layers.pick(lower.context, higher.context),
                Layers.pick(lower.namespace, higher.namespace), Layers.pick(lower.image, higher.image),
                Layers.pick(lower.serviceAccount, higher.serviceAccount));
    }
}
