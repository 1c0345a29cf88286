package io.promdr.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import io.promdr.core.batch.ContextJson;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.util.List;
import java.util.Optional;

/**
 * What the backup steps hand to each other, kept in the job execution context (persisted with
 * the job, so values are plain strings and numbers; records are JSON in the repository format).
 */
final class BackupJobContext {
    private static final String SNAPSHOT_NAME = "snapshotName";
    private static final String SNAPSHOT_REMOVED = "snapshotRemoved";
    private static final String BLOCKS = "blocks";
    private static final String BLOCKS_UPLOADED = "blocksUploaded";
    private static final String BLOCKS_REUSED = "blocksReused";
    private static final String BYTES_UPLOADED = "bytesUploaded";
    private static final String MANIFEST = "manifest";
    private static final TypeReference<List<BlockRecord>> BLOCK_LIST = new TypeReference<>() {
    };

    private final JobExecution execution;
    private final ExecutionContext context;

    BackupJobContext(JobExecution execution) {
        this.execution = execution;
        this.context = execution.getExecutionContext();
    }

    static BackupJobContext of(ChunkContext chunkContext) {
        return new BackupJobContext(chunkContext.getStepContext().getStepExecution().getJobExecution());
    }

    BackupJobParameters parameters() {
        return BackupJobParameters.from(execution.getJobParameters());
    }

    void snapshotName(String name) {
        context.putString(SNAPSHOT_NAME, name);
    }

    /** The snapshot this run created, or empty when it did not get that far. */
    Optional<String> snapshotName() {
        return Optional.ofNullable(context.getString(SNAPSHOT_NAME, null));
    }

    String requireSnapshotName() {
        return snapshotName().orElseThrow(() -> new IllegalStateException("no snapshot recorded by takeSnapshot"));
    }

    void snapshotRemoved(boolean removed) {
        context.putString(SNAPSHOT_REMOVED, Boolean.toString(removed));
    }

    boolean snapshotRemoved() {
        return Boolean.parseBoolean(context.getString(SNAPSHOT_REMOVED, "false"));
    }

    void uploaded(List<BlockRecord> blocks, int uploaded, int reused, long bytesUploaded) {
        ContextJson.put(context, BLOCKS, blocks);
        context.putInt(BLOCKS_UPLOADED, uploaded);
        context.putInt(BLOCKS_REUSED, reused);
        context.putLong(BYTES_UPLOADED, bytesUploaded);
    }

    List<BlockRecord> blocks() {
        return ContextJson.get(context, BLOCKS, BLOCK_LIST, "block list")
                .orElseThrow(() -> new IllegalStateException("no blocks recorded by uploadBlocks"));
    }

    int blocksUploaded() {
        return context.getInt(BLOCKS_UPLOADED, 0);
    }

    int blocksReused() {
        return context.getInt(BLOCKS_REUSED, 0);
    }

    long bytesUploaded() {
        return context.getLong(BYTES_UPLOADED, 0);
    }

    void committed(Manifest manifest) {
        ContextJson.put(context, MANIFEST, manifest);
    }

    Optional<Manifest> manifest() {
        return ContextJson.get(context, MANIFEST, Manifest.class, "manifest");
    }
}
