package io.promdr.backup;

import io.promdr.core.prometheus.PrometheusAdminClient;
import io.promdr.core.prometheus.PrometheusSecurity;
import io.promdr.core.retry.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus URLs of the backups running in this process, as the user gave them (possibly
 * with credentials in the user info). Job parameters keep only the URL without credentials,
 * because they are persisted; the snapshot step takes the full URL from here, in memory only.
 * So do the credentials and TLS trust of each backup ({@link PrometheusSecurity}).
 */
final class PrometheusEndpoints {
    private final Map<String, URI> byBackupId = new ConcurrentHashMap<>();
    private final Map<String, PrometheusSecurity> securityByBackupId = new ConcurrentHashMap<>();
    private final RetryPolicy retryPolicy;

    PrometheusEndpoints() {
        this(RetryPolicy.NONE);
    }

    /** @param retryPolicy how the backup's calls to Prometheus retry transient failures */
    PrometheusEndpoints(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    void register(String backupId, URI url) {
        byBackupId.put(backupId, url);
    }

    void register(String backupId, URI url, PrometheusSecurity security) {
        register(backupId, url);
        securityByBackupId.put(backupId, security);
    }

    void forget(String backupId) {
        byBackupId.remove(backupId);
        securityByBackupId.remove(backupId);
    }

    /** A client of the backup's Prometheus, with its credentials and TLS trust. */
    PrometheusAdminClient client(String backupId, URI fallback, Duration timeout) {
        return new PrometheusAdminClient(lookup(backupId, fallback), timeout, retryPolicy,
                securityByBackupId.getOrDefault(backupId, PrometheusSecurity.NONE));
    }

    /** The registered URL of the backup, or {@code fallback} (e.g. a job restarted by another process). */
    URI lookup(String backupId, URI fallback) {
        return byBackupId.getOrDefault(backupId, fallback);
    }
}
