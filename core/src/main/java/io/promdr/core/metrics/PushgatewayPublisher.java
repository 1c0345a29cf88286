package io.promdr.core.metrics;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.tls.TlsContexts;
import io.promdr.core.tls.TlsFailures;
import io.promdr.core.tls.TlsOptions;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Pushes job metrics to a Prometheus Pushgateway with the official Java client, one group per
 * job and source ({@code /metrics/job/<job>/source/<source>/<label>/<value>...}).
 *
 * <p>Pushes are POSTs (the client's {@code pushAdd}): they replace only the metrics of the same
 * names in the group, so a drill's push keeps the backup's metrics of the same source and a failed
 * run keeps the last success timestamp. The client is built with empty properties, so that no
 * {@code prometheus.properties} file or system property of the host redirects the metrics.
 */
final class PushgatewayPublisher implements JobMetricsPublisher {
    private static final Logger log = LoggerFactory.getLogger(PushgatewayPublisher.class);
    private static final String SOURCE_LABEL = "source";

    private final PushgatewaySettings settings;

    PushgatewayPublisher(PushgatewaySettings settings) {
        this.settings = settings;
    }

    @Override
    public void backupFinished(BackupMetrics metrics) {
        push(metrics.source(), MetricFamilies.backup(metrics), "backup");
    }

    @Override
    public void pruneFinished(PruneMetrics metrics) {
        push(metrics.source(), MetricFamilies.prune(metrics), "prune");
    }

    @Override
    public void drillFinished(DrillMetrics metrics) {
        push(metrics.source(), MetricFamilies.drill(metrics), "drill");
    }

    @Override
    public String destination() {
        return settings.url().toString();
    }

    private void push(String source, MetricSnapshots snapshots, String kind) {
        PushGateway gateway = gateway(source);
        try {
            gateway.pushAdd(() -> snapshots);
            log.info("Pushed {} metrics of source {} to {}", kind, source, destination());
        } catch (IOException e) {
            throw failure(kind, e);
        }
    }

    private PushGateway gateway(String source) {
        URI url = settings.url();
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        PushGateway.Builder builder = PushGateway.builder(PrometheusProperties.builder().build())
                .scheme("https".equalsIgnoreCase(url.getScheme()) ? Scheme.HTTPS : Scheme.HTTP)
                .address(url.getRawAuthority() + path)
                .format(Format.PROMETHEUS_TEXT)
                .job(settings.job())
                .connectionTimeout(settings.timeout())
                .readTimeout(settings.timeout());
        for (Map.Entry<String, String> label : settings.groupingLabels().entrySet()) {
            builder.groupingKey(label.getKey(), label.getValue());
        }
        if (source != null) {
            builder.groupingKey(SOURCE_LABEL, source);
        }
        TlsOptions tls = settings.tls();
        if ("https".equalsIgnoreCase(url.getScheme()) && !tls.isDefault()) {
            SSLSocketFactory sockets = TlsContexts.sslContext(tls).getSocketFactory();
            builder.connectionFactory(target -> {
                HttpURLConnection connection = (HttpURLConnection) target.openConnection();
                if (connection instanceof HttpsURLConnection https) {
                    https.setSSLSocketFactory(sockets);
                    if (tls.insecureSkipVerify()) {
                        https.setHostnameVerifier((host, session) -> true);
                    }
                }
                return connection;
            });
        }
        if (settings.username() != null) {
            builder.basicAuth(settings.username(), settings.password() == null ? "" : settings.password());
        }
        return builder.build();
    }

    /** The client wraps the cause: a connection failure, or "Response code from ... was N, response body: ...". */
    private PromdrException failure(String kind, IOException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (TlsFailures.of(e).isPresent()) {
            TlsFailures.TlsProblem problem = TlsFailures.of(e).get();
            return new PromdrException(ErrorCode.PUSHGATEWAY_UNREACHABLE,
                    "cannot push " + kind + " metrics to the Pushgateway " + destination() + ": TLS failed, " + problem.description(),
                    problem.hint(PushgatewaySettings.TLS_KEY), e);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException || cause instanceof InterruptedIOException) {
            return new PromdrException(ErrorCode.PUSHGATEWAY_UNREACHABLE,
                    "cannot push " + kind + " metrics to the Pushgateway " + destination() + ": " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"),
                    "check metrics.pushgateway.url (or PROMDR_PUSHGATEWAY_URL) and that the Pushgateway runs", e);
        }
        String answer = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        String firstLine = answer.lines().findFirst().orElse("").replaceFirst("^Response code from \\S+ was ", "HTTP ");
        boolean auth = firstLine.startsWith("HTTP 401") || firstLine.startsWith("HTTP 403");
        return new PromdrException(ErrorCode.PUSHGATEWAY_REJECTED,
                "the Pushgateway " + destination() + " refused the " + kind + " metrics: " + abbreviate(firstLine),
                auth ? "check metrics.pushgateway.username and password" : "check metrics.pushgateway.url (the Pushgateway's base URL)"
                        + " and that no other pusher uses the same metric names with other types", e);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
