package io.promdr.restore;

import io.promdr.core.batch.ContextJson;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the restore steps hand to each other, kept in the job execution context (persisted with
 * the job: plain strings and numbers, the plan as JSON in the repository format).
 */
final class RestoreJobContext {
    private static final String PLAN = "plan";
    private static final String STAGING_DIR = "stagingDir";
    private static final String KEEP_STAGING = "keepStaging";
    private static final String BYTES_DOWNLOADED = "bytesDownloaded";
    private static final String BLOCKS_RESTORED = "blocksRestored";

    private final JobExecution execution;
    private final ExecutionContext context;

    RestoreJobContext(JobExecution execution) {
        this.execution = execution;
        this.context = execution.getExecutionContext();
    }

    static RestoreJobContext of(ChunkContext chunkContext) {
        return new RestoreJobContext(chunkContext.getStepContext().getStepExecution().getJobExecution());
    }

    RestoreRequest request() {
        return RestoreJobParameters.request(execution.getJobParameters());
    }

    void plan(RestorePlan plan) {
        ContextJson.put(context, PLAN, plan);
    }

    Optional<RestorePlan> plan() {
        return ContextJson.get(context, PLAN, RestorePlan.class, "restore plan");
    }

    RestorePlan requirePlan() {
        return plan().orElseThrow(() -> new IllegalStateException("no plan recorded by the plan step"));
    }

    void stagingDir(Path dir) {
        context.putString(STAGING_DIR, dir.toString());
    }

    Optional<Path> stagingDir() {
        return Optional.ofNullable(context.getString(STAGING_DIR, null)).map(Path::of);
    }

    Path requireStagingDir() {
        return stagingDir().orElseThrow(() -> new IllegalStateException("no staging directory recorded"));
    }

    /** Set when a rollback could not put a replaced block back: the staging directory then holds the user's data. */
    void keepStaging() {
        context.putString(KEEP_STAGING, "true");
    }

    boolean mustKeepStaging() {
        return Boolean.parseBoolean(context.getString(KEEP_STAGING, "false"));
    }

    void downloaded(long bytes) {
        context.putLong(BYTES_DOWNLOADED, bytes);
    }

    long bytesDownloaded() {
        return context.getLong(BYTES_DOWNLOADED, 0);
    }

    void restored(int blocks) {
        context.putInt(BLOCKS_RESTORED, blocks);
    }

    int blocksRestored() {
        return context.getInt(BLOCKS_RESTORED, 0);
    }
}
