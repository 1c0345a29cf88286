package io.promdr.restore.drill;

import com.fasterxml.jackson.core.type.TypeReference;
import io.promdr.core.batch.ContextJson;
import io.promdr.core.model.Manifest;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the drill steps hand to each other, kept in the job execution context (persisted with the
 * job as plain strings, numbers and JSON): the manifest, the scratch directory, the per-block
 * rows every check fills in, each check's result and timing, and finally the report.
 */
final class DrillJobContext {
    private static final String MANIFEST = "manifest";
    private static final String STARTED_AT_MS = "startedAtMs";
    private static final String SCRATCH_DIR = "scratchDir";
    private static final String PROMETHEUS_BINARY = "prometheusBinary";
    private static final String BLOCKS = "blocks";
    private static final String CHECK_PREFIX = "check.";
    private static final String MS_PREFIX = "ms.";
    private static final String DOWNLOADED_BYTES = "downloadedBytes";
    private static final String PROMETHEUS_VERSION = "prometheusVersion";
    private static final String PROMETHEUS_LOG = "prometheusLog";
    private static final String REPORT = "report";
    private static final TypeReference<List<BlockReport>> BLOCK_LIST = new TypeReference<>() {
    };

    private final JobExecution execution;
    private final ExecutionContext context;

    DrillJobContext(JobExecution execution) {
        this.execution = execution;
        this.context = execution.getExecutionContext();
    }

    static DrillJobContext of(ChunkContext chunkContext) {
        return new DrillJobContext(chunkContext.getStepContext().getStepExecution().getJobExecution());
    }

    DrillRequest request() {
        return DrillJobParameters.request(execution.getJobParameters());
    }

    void started(Instant at, Manifest manifest, Path prometheusBinary) {
        context.putLong(STARTED_AT_MS, at.toEpochMilli());
        ContextJson.put(context, MANIFEST, manifest);
        context.putString(PROMETHEUS_BINARY, prometheusBinary.toString());
        blocks(manifest.storedBlocks().stream().map(BlockReport::of).toList());
    }

    Instant startedAt() {
        return Instant.ofEpochMilli(context.getLong(STARTED_AT_MS));
    }

    Manifest manifest() {
        return ContextJson.get(context, MANIFEST, Manifest.class, "drill manifest")
                .orElseThrow(() -> new IllegalStateException("no manifest recorded by the plan step"));
    }

    Path prometheusBinary() {
        return Path.of(context.getString(PROMETHEUS_BINARY));
    }

    void scratchDir(Path dir) {
        context.putString(SCRATCH_DIR, dir.toString());
    }

    Optional<Path> scratchDir() {
        return Optional.ofNullable(context.getString(SCRATCH_DIR, null)).map(Path::of);
    }

    Path requireScratchDir() {
        return scratchDir().orElseThrow(() -> new IllegalStateException("no scratch directory recorded"));
    }

    /** The restored blocks, {@code <scratch>/blocks/<ULID>}. */
    Path blocksDir() {
        return requireScratchDir().resolve("blocks");
    }

    List<BlockReport> blocks() {
        return ContextJson.get(context, BLOCKS, BLOCK_LIST, "drill block rows").orElse(List.of());
    }

    void blocks(List<BlockReport> rows) {
        ContextJson.put(context, BLOCKS, rows);
    }

    void check(CheckResult result, Duration took) {
        ContextJson.put(context, CHECK_PREFIX + result.name(), result);
        context.putLong(MS_PREFIX + result.name(), took.toMillis());
    }

    Optional<CheckResult> check(String name) {
        return ContextJson.get(context, CHECK_PREFIX + name, CheckResult.class, "drill check " + name);
    }

    Duration took(String check) {
        return Duration.ofMillis(context.getLong(MS_PREFIX + check, 0));
    }

    void downloaded(long bytes) {
        context.putLong(DOWNLOADED_BYTES, bytes);
    }

    long downloadedBytes() {
        return context.getLong(DOWNLOADED_BYTES, 0);
    }

    void prometheus(String version, String logTail) {
        if (version != null) {
            context.putString(PROMETHEUS_VERSION, version);
        }
        if (logTail != null) {
            context.putString(PROMETHEUS_LOG, logTail);
        }
    }

    String prometheusVersion() {
        return context.getString(PROMETHEUS_VERSION, null);
    }

    String prometheusLog() {
        return context.getString(PROMETHEUS_LOG, null);
    }

    void report(DrillReport report) {
        ContextJson.put(context, REPORT, report);
    }

    Optional<DrillReport> report() {
        return ContextJson.get(context, REPORT, DrillReport.class, "drill report");
    }
}
