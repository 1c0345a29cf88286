package io.promdr.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.RepositoryJson;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.UncheckedIOException;
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

    private static final ObjectWriter WRITER = RepositoryJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectReader BLOCKS_READER = RepositoryJson.mapper().readerFor(new TypeReference<List<BlockRecord>>() {
    });

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
        context.putString(BLOCKS, write(blocks));
        context.putInt(BLOCKS_UPLOADED, uploaded);
        context.putInt(BLOCKS_REUSED, reused);
        context.putLong(BYTES_UPLOADED, bytesUploaded);
    }

    List<BlockRecord> blocks() {
        String json = context.getString(BLOCKS, null);
        if (json == null) {
            throw new IllegalStateException("no blocks recorded by uploadBlocks");
        }
        try {
            return BLOCKS_READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable block list in the job context", e);
        }
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
        context.putString(MANIFEST, write(manifest));
    }

    Optional<Manifest> manifest() {
        String json = context.getString(MANIFEST, null);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RepositoryJson.mapper().readValue(json, Manifest.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable manifest in the job context", e);
        }
    }

    private static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
