package io.promdr.core.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.util.function.Supplier;

/**
 * Turns fabric8's exceptions into promdr errors that name the call: 401/403 become
 * KUBERNETES_FORBIDDEN (hint: the Role from {@code promdr k8s permissions}), 404 becomes
 * KUBERNETES_OBJECT_NOT_FOUND, anything without an HTTP answer KUBERNETES_UNREACHABLE.
 */
public final class KubernetesFailures {
    static final String RBAC_HINT = "grant the rules `promdr k8s permissions` prints to promdr's service account";

    private KubernetesFailures() {
    }

    /** Runs one API call described by {@code what} ("list pods in namespace monitoring"). */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw translate(what, e);
        }
    }

    public static PromdrException translate(String what, KubernetesClientException e) {
        int code = e.getCode();
        if (code == 401 || code == 403) {
            return new PromdrException(ErrorCode.KUBERNETES_FORBIDDEN,
                    "Kubernetes API refused to " + what + " (HTTP " + code + ")", RBAC_HINT, e);
        }
        if (code == 404) {
            return new PromdrException(ErrorCode.KUBERNETES_OBJECT_NOT_FOUND,
                    "cannot " + what + ": not found", "check the name and kubernetes.namespace", e);
        }
        if (code == 409) {
            return new PromdrException(ErrorCode.KUBERNETES_OBJECT_EXISTS,
                    "cannot " + what + ": it exists already", "choose another name, or delete the existing object", e);
        }
        if (code > 0) {
            return new PromdrException(ErrorCode.KUBERNETES_UNREACHABLE,
                    "Kubernetes API failed to " + what + " (HTTP " + code + "): " + oneLine(e.getMessage()),
                    "check the API server and rerun with -v", e);
        }
        return new PromdrException(ErrorCode.KUBERNETES_UNREACHABLE,
                "Kubernetes API unreachable while trying to " + what + ": " + oneLine(rootMessage(e)),
                "check kubernetes.kubeconfig / kubernetes.context and the network to the API server", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
