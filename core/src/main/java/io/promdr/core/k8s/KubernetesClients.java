package io.promdr.core.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Builds the fabric8 client from {@link KubernetesConnection}: an explicit kubeconfig file (and
 * context), else fabric8's auto-configuration, which uses the pod's service account token when
 * running in a pod and {@code $KUBECONFIG} / {@code ~/.kube/config} otherwise.
 */
public final class KubernetesClients {
    private KubernetesClients() {
    }

    public static KubernetesClient connect(KubernetesConnection connection) {
        Config config;
        if (connection.kubeconfig() != null) {
            String content;
            try {
                content = Files.readString(connection.kubeconfig());
            } catch (IOException e) {
                throw new PromdrException(ErrorCode.CONFIG_INVALID, "kubernetes.kubeconfig: cannot read "
                        + connection.kubeconfig() + " (" + e.getClass().getSimpleName() + ")",
                        "give a readable kubeconfig file, or leave it unset for the in-cluster service account", e);
            }
            try {
                config = Config.fromKubeconfig(connection.context(), content, connection.kubeconfig().toString());
            } catch (RuntimeException e) {
                throw new PromdrException(ErrorCode.CONFIG_INVALID, "kubernetes.kubeconfig: " + connection.kubeconfig()
                        + " is not a usable kubeconfig" + contextPart(connection) + ": " + e.getMessage(),
                        "check the file and kubernetes.context (`kubectl config get-contexts`)", e);
            }
        } else {
            config = Config.autoConfigure(connection.context());
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new PromdrException(ErrorCode.KUBERNETES_UNREACHABLE, "no Kubernetes API configured",
                    "run promdr in a pod with a service account, or set kubernetes.kubeconfig (or $KUBECONFIG)");
        }
        if (connection.namespace() != null) {
            config.setNamespace(connection.namespace());
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static String contextPart(KubernetesConnection connection) {
        return connection.context() == null ? "" : " with context " + connection.context();
    }
}
