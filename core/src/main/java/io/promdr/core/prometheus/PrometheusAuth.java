package io.promdr.core.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How promdr authenticates to Prometheus (or the proxy in front of it): not at all, HTTP basic
 * auth, or a bearer token read from a file. The credentials are read at every request (see
 * {@link Secret}) and only ever leave promdr in the Authorization header.
 */
public sealed interface PrometheusAuth {
    PrometheusAuth NONE = new None();

    /** The Authorization header value for the next request, or empty to send none. */
    Optional<String> authorization();

    /** Which credentials are sent, safe to show (no secret). */
    String describe();

    static PrometheusAuth basic(String username, Secret password) {
        return new Basic(username, password);
    }

    static PrometheusAuth bearerToken(Secret token) {
        return new Bearer(token);
    }

    /** No Authorization header (credentials in the URL still are sent, see {@link PrometheusEndpoint}). */
    record None() implements PrometheusAuth {
        @Override
        public Optional<String> authorization() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "no credentials";
        }
    }

    /** HTTP basic auth, as Prometheus' own {@code --web.config.file} basic_auth_users checks it. */
    record Basic(String username, Secret password) implements PrometheusAuth {
        @Override
        public Optional<String> authorization() {
            String pair = username + ":" + password.read();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String describe() {
            return "basic auth as " + username + ", password from " + password.origin();
        }
    }

    /** {@code Authorization: Bearer <token>}, e.g. a Kubernetes service-account token checked by kube-rbac-proxy. */
    record Bearer(Secret token) implements PrometheusAuth {
        @Override
        public Optional<String> authorization() {
            return Optional.of("Bearer " + token.read());
        }

        @Override
        public String describe() {
            return "bearer token from " + token.origin();
        }
    }
}
