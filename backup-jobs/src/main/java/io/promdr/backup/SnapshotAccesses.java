package io.promdr.backup;

import io.promdr.core.snapshot.LocalSnapshotAccess;
import io.promdr.core.snapshot.SnapshotAccess;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each backup running in this process reaches its snapshot's files (local file system, or
 * exec into a Prometheus container). Kept in memory like {@link PrometheusEndpoints}: an exec
 * access holds a Kubernetes client, which is no job parameter. A run without a registered access
 * (e.g. restarted by another process) reads the data directory of its parameters locally.
 */
final class SnapshotAccesses {
    private final Map<String, SnapshotAccess> byBackupId = new ConcurrentHashMap<>();

    void register(String backupId, SnapshotAccess access) {
        byBackupId.put(backupId, access);
    }

    void forget(String backupId) {
        byBackupId.remove(backupId);
    }

    SnapshotAccess of(BackupJobParameters parameters) {
        SnapshotAccess access = byBackupId.get(parameters.backupId().value());
        return access != null ? access : new LocalSnapshotAccess(parameters.dataDir());
    }
}
