package io.promdr.core.prometheus;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to one Prometheus server over HTTP: the TSDB snapshot admin API and build info.
 * Errors map to PROMETHEUS_UNREACHABLE, PROMETHEUS_ADMIN_API_DISABLED (hint: start Prometheus
 * with --web.enable-admin-api) or PROMETHEUS_SNAPSHOT_FAILED, each naming the URL.
 */
public final class PrometheusAdminClient {
    private final URI baseUrl;
    private final Duration timeout;

    public PrometheusAdminClient(URI baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /** POST /api/v1/admin/tsdb/snapshot[?skip_head=true]; returns the snapshot name (a directory under {@code <data-dir>/snapshots/}). */
    public String createSnapshot(boolean skipHead) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** GET /api/v1/status/buildinfo; the version, or empty when the endpoint does not answer it. */
    public Optional<String> version() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public Duration timeout() {
        return timeout;
    }
}
