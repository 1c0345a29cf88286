package io.promdr.cli.config;

/**
 * One entry of {@code sources:}: a named Prometheus (or, later, another kind of source) that
 * {@code promdr backup --source NAME} and schedules refer to by its name. The name is the map key
 * in the file and the {@code <source>} folder of the repository.
 *
 * @param prometheus the server to back up
 * @param retention  this source's own retention policy (keep* keys only), replacing the top-level one
 * @param kubernetes a Prometheus in Kubernetes, found by its pods (docs/kubernetes.md); null otherwise
 */
public record SourceConfig(PrometheusConfig prometheus, RetentionConfig retention, KubernetesSourceConfig kubernetes) {

    public SourceConfig(PrometheusConfig prometheus, RetentionConfig retention) {
        this(prometheus, retention, null);
    }

    public SourceConfig(PrometheusConfig prometheus) {
        this(prometheus, null);
    }
}
