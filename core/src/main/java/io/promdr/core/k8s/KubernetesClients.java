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
        return new KubernetesClientBuilder().withConfig(config(connection)).build();
    }

    /**
     * As {@link #connect}, for a quick look (promdr doctor): no retry of failed requests, and
     * {@code timeout} to connect and for each request, so that a dead API server is reported in
     * seconds instead of after fabric8's backoff.
     */
    public static KubernetesClient connectQuickly(KubernetesConnection connection, java.time.Duration timeout) {
        Config config = config(connection);
        config.setRequestRetryBackoffLimit(0);
        config.setConnectionTimeout((int) timeout.toMillis());
        config.setRequestTimeout((int) timeout.toMillis());
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static Config config(KubernetesConnection connection) {
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
        return config;
    }

    private static String contextPart(KubernetesConnection connection) {
        return connection.context() == null ? "" : " with context " + connection.context();
    }
}
