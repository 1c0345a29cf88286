package io.promdr.backup;

import io.promdr.core.retry.RetryPolicy;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus URLs of the backups running in this process, as the user gave them (possibly
 * with credentials in the user info). Job parameters keep only the URL without credentials,
 * because they are persisted; the snapshot step takes the full URL from here, in memory only.
 */
final class PrometheusEndpoints {
    private final Map<String, URI> byBackupId = new ConcurrentHashMap<>();
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

    void forget(String backupId) {
        byBackupId.remove(backupId);
    }

    /** The registered URL of the backup, or {@code fallback} (e.g. a job restarted by another process). */
    URI lookup(String backupId, URI fallback) {
        return byBackupId.getOrDefault(backupId, fallback);
    }
}
