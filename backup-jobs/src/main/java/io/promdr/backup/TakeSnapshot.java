package io.promdr.backup;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.snapshot.LocalSnapshotAccess;
import io.promdr.core.snapshot.SnapshotAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Phase 1: asks Prometheus for a TSDB snapshot (head included), to be read under
 * {@code <dataDir>/snapshots/<name>} through the run's {@link SnapshotAccess} (local file system or
 * exec into the Prometheus container). The data directory is checked before the API call, so a
 * wrong --data-dir does not leave a snapshot behind that nobody will delete.
 */
final class TakeSnapshot implements Tasklet {
    static final String DATA_DIR_HINT = LocalSnapshotAccess.DATA_DIR_HINT;
    /** Prometheus names snapshots {@code 20261124T185745Z-3dada552da362b1a}; accept that alphabet only. */
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,127}");
    private static final Logger log = LoggerFactory.getLogger(TakeSnapshot.class);

    private final PrometheusEndpoints endpoints;
    private final SnapshotAccesses accesses;
    private final Duration timeout;

    TakeSnapshot(PrometheusEndpoints endpoints, SnapshotAccesses accesses, Duration timeout) {
        this.endpoints = endpoints;
        this.accesses = accesses;
        this.timeout = timeout;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        BackupJobContext context = BackupJobContext.of(chunkContext);
        BackupJobParameters parameters = context.parameters();
        SnapshotAccess access = accesses.of(parameters);
        access.checkDataDir();
        // Leases live on promdr's own file system: only a local snapshot directory has one.
        Path localDataDir = access instanceof LocalSnapshotAccess ? parameters.dataDir() : null;
        if (localDataDir != null) {
            // A backup killed outright (SIGKILL, OOM) left its snapshot; the next one cleans up after it.
            SnapshotLeases.removeAbandoned(localDataDir);
        }

        Set<String> before = localDataDir == null ? Set.of() : SnapshotLeases.snapshotNames(localDataDir);
        String name;
        try {
            name = endpoints.client(parameters.backupId().value(), parameters.prometheusUrl(), timeout).createSnapshot(false);
        } catch (PromdrException e) {
            if (localDataDir != null && e.code() == ErrorCode.PROMETHEUS_UNREACHABLE) {
                // No answer, yet Prometheus may have created the snapshot (it went away mid-request, or a proxy timed out).
                SnapshotLeases.removeUnanswered(localDataDir, before);
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
        if (localDataDir != null) {
            SnapshotLeases.acquire(snapshotDir(localDataDir, name));
        }
        log.info("Prometheus {} created snapshot {} ({})", parameters.prometheusUrl(), name, access.describe(name));
        // Whether the snapshot is where promdr looks is checked when its blocks are listed (uploadBlocks).
        return RepeatStatus.FINISHED;
    }

    static Path snapshotDir(Path dataDir, String snapshotName) {
        return dataDir.resolve("snapshots").resolve(snapshotName);
    }
}
