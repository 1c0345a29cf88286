package io.promdr.core.k8s;

import java.util.Map;

/**
 * Which pods run the Prometheus to back up.
 *
 * @param namespace  namespace of the pods
 * @param selector   label selector ({@code k=v,k2=v2}); ignored when {@code prometheus} is set
 * @param prometheus name of a prometheus-operator {@code Prometheus} resource: its pods carry
 *                   the label {@code prometheus=<name>}; null to use {@code selector}
 * @param container  name of the Prometheus container in the pod
 */
public record PrometheusSelector(String namespace, String selector, String prometheus, String container) {
    public static final String DEFAULT_SELECTOR = "app.kubernetes.io/name=prometheus";
    public static final String DEFAULT_CONTAINER = "prometheus";
    /** The label prometheus-operator puts on the pods of a {@code Prometheus} resource. */
    public static final String OPERATOR_LABEL = "prometheus";

    public PrometheusSelector {
        selector = selector == null || selector.isBlank() ? DEFAULT_SELECTOR : selector.strip();
        container = container == null || container.isBlank() ? DEFAULT_CONTAINER : container.strip();
    }

    /** The labels the pods must carry. */
    public Map<String, String> labels() {
        if (prometheus != null && !prometheus.isBlank()) {
            return Map.of(OPERATOR_LABEL, prometheus.strip());
        }
        return LabelSelectors.parse(selector);
    }

    /** For messages: "pods with labels {...} in namespace monitoring". */
    public String describe() {
        return "pods with labels " + labels() + " in namespace " + namespace;
    }
}
