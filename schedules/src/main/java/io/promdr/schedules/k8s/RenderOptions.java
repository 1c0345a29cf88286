package io.promdr.schedules.k8s;

/**
 * What the rendered CronJobs are made of besides the schedules.
 *
 * @param namespace      metadata.namespace; null to leave it to {@code kubectl apply -n}
 * @param image          the promdr container image (required)
 * @param serviceAccount the pods' service account; null for the namespace's default
 * @param configMap      the ConfigMap holding promdr.yaml under the key {@link #CONFIG_KEY}
 * @param secret         an optional Secret whose keys become environment variables (S3 and database
 *                       credentials, e.g. AWS_ACCESS_KEY_ID, PROMDR_JOB_REPOSITORY_PASSWORD)
 */
public record RenderOptions(String namespace, String image, String serviceAccount, String configMap, String secret) {
    public static final String CONFIG_KEY = "promdr.yaml";
    public static final String DEFAULT_CONFIG_MAP = "promdr-config";
    public static final String DEFAULT_SECRET = "promdr-credentials";
}
