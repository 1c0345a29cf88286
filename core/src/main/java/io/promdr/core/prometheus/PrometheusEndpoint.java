package io.promdr.core.prometheus;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The base URL of a Prometheus server, split into what is safe to show (scheme, host, port,
 * path prefix) and the credentials some setups put in it ({@code http://user:pass@host:9090}),
 * which are sent as HTTP basic auth and never appear in messages.
 */
final class PrometheusEndpoint {
    private final String base;
    private final String authorization;

    PrometheusEndpoint(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID,
                    "Prometheus URL " + redact(url) + " is not an http(s) URL with a host",
                    "pass --prometheus like http://prometheus:9090");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        this.base = scheme + "://" + hostAndPort(url) + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        // getUserInfo() undoes percent-encoding ("p%40ss" -> "p@ss"), as basic auth needs.
        this.authorization = url.getUserInfo() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                url.getUserInfo().getBytes(StandardCharsets.UTF_8));
    }

    /** The URL of an API path ({@code /api/v1/...}) under the base URL, without credentials. */
    URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** The value of the Authorization header, when the URL carried credentials. */
    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** The base URL as shown to users: no credentials, query or fragment. */
    String display() {
        return base;
    }

    /** {@code url} without user info, query and fragment, for messages. */
    static String redact(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "(unparseable URL)";
        }
    }

    private static String hostAndPort(URI url) {
        String host = url.getHost();
        return url.getPort() < 0 ? host : host + ":" + url.getPort();
    }
}
