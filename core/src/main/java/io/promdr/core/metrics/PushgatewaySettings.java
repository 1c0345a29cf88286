package io.promdr.core.metrics;

import io.promdr.core.tls.TlsOptions;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where and how to push job metrics (docs/configuration.md, {@code metrics.pushgateway}).
 *
 * @param url            base URL of the Pushgateway, {@code http(s)://host:port[/path]}, without credentials
 * @param job            the {@code job} label of the pushed groups
 * @param groupingLabels extra labels of every pushed group (besides {@code job} and {@code source}), e.g. cluster
 * @param username       basic-auth user, or null
 * @param password       basic-auth password, or null; never shown by {@link #toString()}
 * @param timeout        connect and read timeout of one push
 * @param tls            how an https Pushgateway's certificate is checked ({@code metrics.pushgateway.caFile}, insecureSkipVerify)
 */
public record PushgatewaySettings(URI url, String job, Map<String, String> groupingLabels, String username,
                                  String password, Duration timeout, TlsOptions tls) {
    public static final String DEFAULT_JOB = "promdr";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final String TLS_KEY = "metrics.pushgateway";

    public PushgatewaySettings {
        groupingLabels = new TreeMap<>(groupingLabels);
        tls = tls == null ? TlsOptions.defaults(TLS_KEY) : tls;
    }

    /** Settings with the default TLS trust (the JDK's CAs). */
    public PushgatewaySettings(URI url, String job, Map<String, String> groupingLabels, String username,
                               String password, Duration timeout) {
        this(url, job, groupingLabels, username, password, timeout, null);
    }

    @Override
    public String toString() {
        return "PushgatewaySettings[url=" + url + ", job=" + job + ", groupingLabels=" + groupingLabels
                + ", username=" + username + ", password=" + (password == null ? null : "***") + ", timeout=" + timeout + ", tls=" + tls + "]";
    }
}
