package io.promdr.core.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.retry.Retrier;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.core.retry.TransientFailures;
import io.promdr.core.tls.TlsContexts;
import io.promdr.core.tls.TlsFailures;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Talks to one Prometheus server over HTTP: the TSDB snapshot admin API and build info.
 * Errors map to PROMETHEUS_UNREACHABLE, PROMETHEUS_ADMIN_API_DISABLED (hint: start Prometheus
 * with --web.enable-admin-api) or PROMETHEUS_SNAPSHOT_FAILED, each naming the URL.
 * Credentials in the URL ({@code http://user:pass@host:9090}) are sent as basic auth and never shown.
 * With a {@link PrometheusSecurity}, requests carry its credentials (basic auth or a bearer token,
 * read again for every request) and https URLs are checked against its TLS trust; a 401 or 403
 * answer raises PROMETHEUS_AUTH_FAILED and a failed TLS handshake PROMETHEUS_TLS_FAILED, each
 * naming the URL (never the credentials) with a hint.
 *
 * <p>With a {@link RetryPolicy}, transient failures are retried with backoff: for the build info
 * (a GET), a connection reset, a timeout, HTTP 429 and 5xx; for the snapshot (a POST that
 * creates a directory each time it succeeds), only the answers that say Prometheus did not act,
 * 429 and 503 (not ready yet, or restarting), so that a retry never leaves a second snapshot
 * behind. A refused connection or an unknown host fails at once: a wrong URL more often than a
 * passing outage.
 */
public final class PrometheusAdminClient {
    static final String SNAPSHOT_PATH = "/api/v1/admin/tsdb/snapshot";
    static final String BUILDINFO_PATH = "/api/v1/status/buildinfo";
    static final String DELETE_SERIES_PATH = "/api/v1/admin/tsdb/delete_series";
    static final String FLAGS_PATH = "/api/v1/status/flags";
    /** Answers are small JSON documents; read no more than this of whatever answers. */
    private static final int MAX_BODY_BYTES = 1 << 20;
    /** Prometheus names snapshots {@code <yyyymmddThhmmssZ>-<hex>}; anything else must not become a path. */
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Duration timeout;
    private final PrometheusEndpoint endpoint;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final PrometheusSecurity security;

    public PrometheusAdminClient(URI baseUrl, Duration timeout) {
        this(baseUrl, timeout, RetryPolicy.NONE);
    }

    public PrometheusAdminClient(URI baseUrl, Duration timeout, RetryPolicy retry) {
        this(baseUrl, timeout, retry, PrometheusSecurity.NONE);
    }

    public PrometheusAdminClient(URI baseUrl, Duration timeout, RetryPolicy retry, PrometheusSecurity security) {
        this.retry = retry;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.security = security;
        this.endpoint = new PrometheusEndpoint(baseUrl);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equalsIgnoreCase(baseUrl.getScheme()) && !security.tls().isDefault()) {
            builder.sslContext(TlsContexts.sslContext(security.tls()));
        }
        this.http = builder.build();
    }

    /** POST /api/v1/admin/tsdb/snapshot[?skip_head=true]; returns the snapshot name (a directory under {@code <data-dir>/snapshots/}). */
    public String createSnapshot(boolean skipHead) {
        Answer answer = send(SNAPSHOT_PATH + (skipHead ? "?skip_head=true" : ""), "POST");
        JsonNode body = answer.json();
        if (answer.status() / 100 == 2 && "success".equals(body.path("status").asText())) {
            String name = body.path("data").path("name").asText("");
            if (!SNAPSHOT_NAME.matcher(name).matches() || name.contains("..")) {
                throw snapshotFailed("answered an unusable snapshot name \"" + printable(name) + "\"");
            }
            return name;
        }
        String error = body.path("error").asText("");
        if ("unavailable".equals(body.path("errorType").asText()) && error.contains("admin APIs disabled")) {
            throw new PromdrException(ErrorCode.PROMETHEUS_ADMIN_API_DISABLED,
                    "Prometheus at " + endpoint.display() + " has its admin API disabled",
                    "start Prometheus with --web.enable-admin-api");
        }
        String detail = error.isEmpty() ? answer.snippet() : error;
        throw snapshotFailed("answered HTTP " + answer.status() + ": " + printable(detail));
    }

    /**
     * GET /api/v1/status/buildinfo; the version, or empty when the endpoint does not answer it
     * (an error status or an unexpected body). An unreachable server raises PROMETHEUS_UNREACHABLE.
     */
    public Optional<String> version() {
        Answer answer = send(BUILDINFO_PATH, "GET");
        JsonNode version = answer.json().path("data").path("version");
        return answer.status() / 100 == 2 && version.isTextual() && !version.asText().isBlank()
                ? Optional.of(version.asText()) : Optional.empty();
    }

    /**
     * Whether the admin API is enabled, asked without changing anything: POST
     * /api/v1/admin/tsdb/delete_series without a {@code match[]} parameter, which Prometheus
     * (2.x) refuses with 400 bad_data "no match[] parameter provided" when the admin API is on,
     * and with errorType unavailable "admin APIs disabled" (HTTP 500 on 2.42) when it is off.
     * (A GET of the snapshot endpoint cannot tell: it answers 405 either way.) Empty when the
     * answer is neither, e.g. a proxy in front of Prometheus refusing the path.
     */
    public Optional<Boolean> adminApiEnabled() {
        Answer answer = send(DELETE_SERIES_PATH, "POST");
        JsonNode body = answer.json();
        String errorType = body.path("errorType").asText("");
        if ("unavailable".equals(errorType) && body.path("error").asText("").contains("admin APIs disabled")) {
            return Optional.of(false);
        }
        if (answer.status() == 400 && "bad_data".equals(errorType)) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    /** One command-line flag of the server from GET /api/v1/status/flags (e.g. storage.tsdb.path), or empty. */
    public Optional<String> flag(String name) {
        Answer answer = send(FLAGS_PATH, "GET");
        JsonNode value = answer.json().path("data").path(name);
        return answer.status() / 100 == 2 && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The base URL as safe to show: no credentials. */
    public String display() {
        return endpoint.display();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public Duration timeout() {
        return timeout;
    }

    private Answer send(String pathAndQuery, String method) {
        boolean idempotent = "GET".equals(method);
        Retrier retrier = new Retrier(retry, failure -> isTransient(failure, idempotent));
        try {
            return retrier.call(method + " " + endpoint.display() + pathAndQuery, () -> sendOnce(pathAndQuery, method));
        } catch (RetryableAnswer e) {
            return e.answer; // still failing when the time was up: the caller reports this answer
        } catch (IOException e) {
            TlsFailures.of(e).ifPresent(problem -> {
                throw new PromdrException(ErrorCode.PROMETHEUS_TLS_FAILED,
                        "TLS connection to Prometheus at " + endpoint.display() + " failed: " + problem.description(),
                        problem.hint(security.tls().configKey()), e);
            });
            throw new PromdrException(ErrorCode.PROMETHEUS_UNREACHABLE,
                    "Prometheus at " + endpoint.display() + " is unreachable: " + Failures.describe(e, timeout),
                    "check --prometheus and that Prometheus is running", e);
        }
    }

    private static boolean isTransient(Throwable failure, boolean idempotent) {
        if (failure instanceof RetryableAnswer answer) {
            int status = answer.answer.status();
            return idempotent ? TransientFailures.isRetryableStatus(status) : status == 429 || status == 503;
        }
        if (!idempotent || failure instanceof java.io.InterruptedIOException && !(failure instanceof java.net.http.HttpTimeoutException)) {
            return false;
        }
        if (TlsFailures.of(failure).isPresent()) {
            return false; // a certificate does not fix itself between two attempts
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (TransientFailures.isConnectFailure(t) || t instanceof java.net.UnknownHostException
                    || t instanceof java.nio.channels.UnresolvedAddressException) {
                return false;
            }
        }
        return failure instanceof IOException;
    }

    private Answer sendOnce(String pathAndQuery, String method) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        security.auth().authorization().or(endpoint::authorization).ifPresent(value -> request.header("Authorization", value));
        Answer answer;
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                answer = new Answer(response.statusCode(), body.readNBytes(MAX_BODY_BYTES));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromdrException(ErrorCode.PROMETHEUS_UNREACHABLE,
                    "request to Prometheus at " + endpoint.display() + " was interrupted", null, e);
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw authFailed(answer.status());
        }
        if (TransientFailures.isRetryableStatus(answer.status()) && retry.retries()) {
            throw new RetryableAnswer(answer);
        }
        return answer;
    }

    private PromdrException authFailed(int status) {
        String key = security.configKey();
        String what;
        if (!(security.auth() instanceof PrometheusAuth.None)) {
            what = "refused " + security.auth().describe();
        } else {
            what = endpoint.authorization().isPresent() ? "refused the credentials in the URL"
                    : "requires credentials and none are configured";
        }
        return new PromdrException(ErrorCode.PROMETHEUS_AUTH_FAILED,
                "Prometheus at " + endpoint.display() + " answered HTTP " + status + ": it " + what,
                "check " + key + ".basicAuth (username, passwordFile or PROMDR_PROMETHEUS_PASSWORD) or "
                        + key + ".bearerTokenFile, and that this user may call the API");
    }

    /** An answer worth another attempt (429, 5xx), carried through the retrier; never leaves this class. */
    private static final class RetryableAnswer extends IOException {
        private final transient Answer answer;

        RetryableAnswer(Answer answer) {
            super("HTTP " + answer.status());
            this.answer = answer;
        }
    }

    private PromdrException snapshotFailed(String detail) {
        return new PromdrException(ErrorCode.PROMETHEUS_SNAPSHOT_FAILED,
                "Prometheus at " + endpoint.display() + " failed to create a snapshot: " + detail,
                "check the Prometheus log and the free disk space of its data directory");
    }

    private static String printable(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    /** An HTTP answer: status and (at most {@link #MAX_BODY_BYTES} of) body. */
    private record Answer(int status, byte[] body) {
        /** The body as JSON, or an empty object when it is not JSON. */
        JsonNode json() {
            try {
                JsonNode node = JSON.readTree(body);
                return node == null ? JSON.createObjectNode() : node;
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }

        String snippet() {
            return new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
