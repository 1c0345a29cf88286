package io.promdr.cli.config;

/**
 * {@code prometheus.basicAuth:} HTTP basic auth to Prometheus. The password is never in the file:
 * it comes from {@code passwordFile} (read at every request, so a rotated secret is picked up)
 * or from the environment variable {@code PROMDR_PROMETHEUS_PASSWORD}, which wins.
 *
 * @param username     the user
 * @param passwordFile a file holding the password (trailing newline ignored)
 */
public record BasicAuthConfig(String username, String passwordFile) {

    static BasicAuthConfig merge(BasicAuthConfig lower, BasicAuthConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new BasicAuthConfig(Layers.pick(lower.username, higher.username),
                Layers.pick(lower.passwordFile, higher.passwordFile));
    }
}
