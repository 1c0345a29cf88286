package io.promdr.restore.drill;

import io.promdr.core.model.Manifest;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Phase 5: the report. RTO is what a real restore of this backup would take before Prometheus can
 * start on it: download and extraction (check 1 on the way) plus the TSDB verification (check 2).
 * RPO is how old the newest sample of the backup is when the drill starts: the data a restore of
 * it would lose now.
 */
final class ReportDrill implements Tasklet {
    private static final List<String> CHECK_ORDER = List.of(DrillChecks.INTEGRITY, DrillChecks.TSDB, DrillChecks.QUERY);

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        DrillJobContext context = DrillJobContext.of(chunkContext);
        context.report(build(context, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return RepeatStatus.FINISHED;
    }

    static DrillReport build(DrillJobContext context, Instant finishedAt) {
        Manifest manifest = context.manifest();
        Instant startedAt = context.startedAt();
        List<CheckResult> checks = CHECK_ORDER.stream().map(name -> context.check(name)
                .orElseThrow(() -> new IllegalStateException("check " + name + " recorded no result"))).toList();
        boolean passed = checks.stream().allMatch(c -> c.status() == CheckStatus.PASSED);
        List<BlockReport> rows = context.blocks();
        Instant newest = manifest.blocks().isEmpty() ? null : Instant.ofEpochMilli(manifest.maxTime());
        double restore = seconds(context.took(DrillChecks.INTEGRITY));
        double verify = seconds(context.took(DrillChecks.TSDB));
        long downloaded = context.downloadedBytes();
        long restored = rows.stream().filter(r -> r.integrity() == CheckStatus.PASSED).mapToLong(BlockReport::filesBytes).sum();
        long series = rows.stream().mapToLong(BlockReport::series).sum();
        return new DrillReport(passed ? DrillReport.PASSED : DrillReport.FAILED, manifest.backupId(), manifest.source().name(),
                startedAt, finishedAt, manifest.completedAt(), newest,
                newest == null ? null : seconds(Duration.between(newest, startedAt)),
                seconds(Duration.between(manifest.completedAt(), startedAt)),
                restore + verify, restore, verify, seconds(context.took(DrillChecks.QUERY)),
                seconds(Duration.between(startedAt, finishedAt)), downloaded, restored,
                downloaded == 0 || restore == 0 ? null : Math.round(downloaded / restore),
                manifest.storedBlocks().size(), series, manifest.totalSamples(), context.prometheusVersion(), checks, rows,
                passed ? null : context.prometheusLog());
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
