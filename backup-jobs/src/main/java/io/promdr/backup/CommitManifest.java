package io.promdr.backup;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.SourceInfo;
import io.promdr.core.repo.RepositoryProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Phase 3: writes the manifest, the commit point of the backup. Every object it references was
 * stored (or found) by {@link UploadBlocks}; until this step succeeds the backup does not exist.
 */
final class CommitManifest implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(CommitManifest.class);

    private final RepositoryProvider repositories;
    private final PrometheusEndpoints endpoints;
    private final Duration timeout;
    private final BackupLocks locks;

    CommitManifest(RepositoryProvider repositories, PrometheusEndpoints endpoints, Duration timeout, BackupLocks locks) {
        this.repositories = repositories;
        this.endpoints = endpoints;
        this.timeout = timeout;
        this.locks = locks;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        BackupJobContext context = BackupJobContext.of(chunkContext);
        BackupJobParameters parameters = context.parameters();
        List<BlockRecord> blocks = context.blocks();
        SourceInfo source = new SourceInfo(parameters.source(), parameters.prometheusUrl().toString(),
                prometheusVersion(parameters), hostname());
        Manifest manifest = new Manifest(Manifest.formatVersionFor(blocks), parameters.backupId().value(), source,
                parameters.startedAt(), Instant.now(), context.requireSnapshotName(), toolVersion(), blocks);

        // The lock kept every prune from sweeping since before the blocks were checked; if it may
        // have looked stale to a prune, an object this manifest references may be gone: no commit.
        locks.requireHeld(parameters.backupId(), "committing backup " + manifest.backupId());
        repositories.withRepository(repository -> repository.commitManifest(manifest));
        context.committed(manifest);
        log.info("Backup {} committed: {} blocks", manifest.backupId(), blocks.size());
        return RepeatStatus.FINISHED;
    }

    /** Best effort: a Prometheus that does not say its version still gets backed up. */
    private String prometheusVersion(BackupJobParameters parameters) {
        try {
            return endpoints.client(parameters.backupId().value(), parameters.prometheusUrl(), timeout).version().orElse(null);
        } catch (RuntimeException e) {
            log.debug("Prometheus version unknown: {}", e.getMessage());
            return null;
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return System.getenv("HOSTNAME");
        }
    }

    /** The Implementation-Version of the promdr jar, or "dev" when running from classes. */
    static String toolVersion() {
        String version = CommitManifest.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}
