package io.promdr.cli.config;

import java.util.Map;

/**
 * {@code metrics.pushgateway:} push job metrics to a Prometheus Pushgateway after every backup and drill.
 *
 * @param url            base URL, {@code http(s)://host:port[/path]}; unset: no metrics are pushed
 * @param job            the {@code job} label of the pushed groups (default promdr)
 * @param groupingLabels more labels of the pushed groups, e.g. {@code cluster: eu-1}
 * @param username       basic-auth user
 * @param password       basic-auth password, never printed
 * @param timeout        of one push, e.g. 10s
 * @param required       true: a failed push fails the command (exit 14 or 15); default false: a warning
 * @param caFile         PEM bundle of CAs trusted for an https Pushgateway, in addition to the JDK's
 * @param insecureSkipVerify true: no certificate or host name check of the Pushgateway (warned about at every run)
 */
public record PushgatewayConfig(String url, String job, Map<String, String> groupingLabels, String username,
                                String password, String timeout, Boolean required, String caFile,
                                Boolean insecureSkipVerify) {

    /** A layer without TLS keys. */
    public PushgatewayConfig(String url, String job, Map<String, String> groupingLabels, String username,
                             String password, String timeout, Boolean required) {
        this(url, job, groupingLabels, username, password, timeout, required, null, null);
    }

    static PushgatewayConfig merge(PushgatewayConfig lower, PushgatewayConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new PushgatewayConfig(Layers.pick(lower.url, higher.url), Layers.pick(lower.job, higher.job),
                Layers.pick(lower.groupingLabels, higher.groupingLabels), Layers.pick(lower.username, higher.username),
                Layers.pick(lower.password, higher.password), Layers.pick(lower.timeout, higher.timeout),
                Layers.pick(lower.required, higher.required), Layers.pick(lower.caFile, higher.caFile),
                Layers.pick(lower.insecureSkipVerify, higher.insecureSkipVerify));
    }

    @Override
    public String toString() {
        return "PushgatewayConfig[url=" + url + ", job=" + job + ", groupingLabels=" + groupingLabels + ", username="
                + username + ", password=" + Layers.mask(password) + ", timeout=" + timeout + ", required=" + required
                + ", caFile=" + caFile + ", insecureSkipVerify=" + insecureSkipVerify + "]";
    }
}
