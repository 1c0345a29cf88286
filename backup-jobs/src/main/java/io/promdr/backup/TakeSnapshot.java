package io.promdr.backup;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.prometheus.PrometheusAdminClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Phase 1: asks Prometheus for a TSDB snapshot (head included) and checks that promdr can read it
 * under {@code <dataDir>/snapshots/<name>}. The data directory is checked before the API call, so a
 * wrong --data-dir does not leave a snapshot behind that nobody will delete.
 */
final class TakeSnapshot implements Tasklet {
    static final String DATA_DIR_HINT = "--data-dir must be Prometheus' --storage.tsdb.path as seen from promdr";
    /** Prometheus names snapshots {@code 20261124T185745Z-3dada552da362b1a}; accept that alphabet only. */
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,127}");
    private static final Logger log = LoggerFactory.getLogger(TakeSnapshot.class);

    private final PrometheusEndpoints endpoints;
    private final Duration timeout;

    TakeSnapshot(PrometheusEndpoints endpoints, Duration timeout) {
        this.endpoints = endpoints;
        this.timeout = timeout;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        BackupJobContext context = BackupJobContext.of(chunkContext);
        BackupJobParameters parameters = context.parameters();
        Path dataDir = parameters.dataDir();
        requireReadableDirectory(dataDir);
        // A backup killed outright (SIGKILL, OOM) left its snapshot; the next one cleans up after it.
        SnapshotLeases.removeAbandoned(dataDir);

        URI url = endpoints.lookup(parameters.backupId().value(), parameters.prometheusUrl());
        Set<String> before = SnapshotLeases.snapshotNames(dataDir);
        String name;
        try {
            name = new PrometheusAdminClient(url, timeout, endpoints.retryPolicy()).createSnapshot(false);
        } catch (PromdrException e) {
            if (e.code() == ErrorCode.PROMETHEUS_UNREACHABLE) {
                // No answer, yet Prometheus may have created the snapshot (it went away mid-request, or a proxy timed out).
                SnapshotLeases.removeUnanswered(dataDir, before);
            }
            throw e;
        }
        if (!SNAPSHOT_NAME.matcher(name).matches()) {
            // The name becomes a path that RemoveSnapshot deletes recursively: never follow "..", "/" or the like.
            throw new PromdrException(ErrorCode.PROMETHEUS_SNAPSHOT_FAILED,
                    "Prometheus " + parameters.prometheusUrl() + " answered an invalid snapshot name",
                    "check that the URL points at Prometheus");
        }
        // Recorded at once: from here on the snapshot exists and RemoveSnapshot must delete it.
        context.snapshotName(name);
        SnapshotLeases.acquire(snapshotDir(dataDir, name));
        log.info("Prometheus {} created snapshot {}", parameters.prometheusUrl(), name);

        Path snapshotDir = snapshotDir(dataDir, name);
        if (!Files.isDirectory(snapshotDir) || !Files.isReadable(snapshotDir)) {
            throw new PromdrException(ErrorCode.DATA_DIR_INVALID,
                    "snapshot " + name + " not found under " + dataDir.resolve("snapshots"), DATA_DIR_HINT);
        }
        return RepeatStatus.FINISHED;
    }

    static Path snapshotDir(Path dataDir, String snapshotName) {
        return dataDir.resolve("snapshots").resolve(snapshotName);
    }

    private static void requireReadableDirectory(Path dataDir) {
        String problem = !Files.exists(dataDir) ? "does not exist"
                : !Files.isDirectory(dataDir) ? "is not a directory"
                : !Files.isReadable(dataDir) || !Files.isExecutable(dataDir) ? "is not readable by promdr"
                // Every Prometheus data directory has a WAL. Without this check a wrong --data-dir would only
                // show after the API call, leaving a snapshot in the real data directory that nobody deletes.
                : !Files.isDirectory(dataDir.resolve("wal")) ? "does not look like a Prometheus data directory (no wal/)"
                : null;
        if (problem != null) {
            throw new PromdrException(ErrorCode.DATA_DIR_INVALID, "data directory " + dataDir + " " + problem, DATA_DIR_HINT);
        }
    }
}
