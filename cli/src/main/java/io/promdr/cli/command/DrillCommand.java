package io.promdr.cli.command;

import io.promdr.cli.config.DrillConfig;
import io.promdr.cli.config.DrillSettings;
import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.cli.jobs.JobContext;
import io.promdr.cli.logging.LogKeys;
import io.promdr.cli.metrics.MetricsPush;
import io.promdr.cli.output.DrillReportView;
import io.promdr.cli.output.JsonOutput;
import io.promdr.cli.progress.Progress;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.metrics.DrillMetrics;
import io.promdr.core.model.Manifest;
import io.promdr.restore.drill.BlockFailure;
import io.promdr.restore.drill.DrillReport;
import io.promdr.restore.drill.DrillRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;

/** {@code promdr drill}: restore a backup somewhere harmless, check it thoroughly, report and clean up. */
@Command(name = "drill", sortOptions = false,
        description = {"Restore drill: prove that a backup restores, and measure RTO and RPO.",
                "Restores the backup into a scratch directory, checks every object and file against the manifest,",
                "verifies the TSDB structure of every block, queries a throwaway Prometheus started on the blocks,",
                "prints the report and removes everything. Exits 32 when a check fails (docs/runbooks/restore-drill.md)."})
final class DrillCommand extends PromdrSubcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP", defaultValue = "latest",
            description = "Backup id, a unique prefix of one, or \"latest\" (default).")
    String backup;

    @Option(names = "--source", paramLabel = "NAME", description = "Resolve \"latest\" and prefixes within this source.")
    String source;

    @Option(names = "--scratch", paramLabel = "DIR",
            description = "Where to restore to; needs room for the backup (default: drill.scratchDir, else the temp directory).")
    String scratch;

    @Option(names = "--prometheus-binary", paramLabel = "PATH",
            description = "The Prometheus of the query check (default: drill.prometheusBinary, else prometheus on the PATH).")
    String prometheusBinary;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, or json (schema in docs/cli.md). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Override
    void run() throws Exception {
        Settings settings = root.settings(new PromdrConfig(null, null, null, null, null, null, null, null,
                new DrillConfig(scratch, prometheusBinary, null, null), null));
        settings.requireRepositoryUri();
        DrillSettings drill = settings.drill();
        String sourceFilter = SourceOption.validated(source);
        DrillRequest request = new DrillRequest(backup, sourceFilter, drill.scratchDir(), drill.prometheusBinary(),
                drill.readyTimeout(), drill.queryTimeout());
        MetricsPush metrics = new MetricsPush(settings.metrics(), err());
        Instant start = Instant.now();
        DrillReport report;
        try (Progress.ProgressListenerHandle progress = progress("drill");
             JobContext jobs = JobContext.start(settings, progress.listener())) {
            expectDownload(settings, sourceFilter, progress);
            report = jobs.drillService().drill(request);
        } catch (PromdrException e) {
            // A drill that cannot run is a failed drill for alerting: of the source asked for, else the configured one.
            String failedSource = sourceFilter != null ? sourceFilter : settings.source();
            metrics.publish(true, p -> p.drillFinished(DrillMetrics.failed(failedSource, Instant.now(),
                    Duration.between(start, Instant.now()))));
            throw e;
        }
        if (output == OutputFormat.json) {
            JsonOutput.print(out(), report);
        } else {
            new DrillReportView(humanFormat()).print(report, out());
        }
        out().flush();
        metrics.publish(!report.passed(), p -> p.drillFinished(DrillReportView.metrics(report)));
        if (!report.passed()) {
            throw new PromdrException(ErrorCode.DRILL_FAILED, "drill of backup " + report.backupId() + " failed: "
                    + firstProblem(report), "read the report above; docs/runbooks/restore-drill.md says what to do for each problem");
        }
    }

    /**
     * Resolves the backup once more (a cheap manifest read): its id and source go into every log
     * line, and its size is the total of the progress (the drill downloads every block).
     */
    private void expectDownload(Settings settings, String sourceFilter, Progress.ProgressListenerHandle progress)
            throws java.io.IOException {
        try (OpenRepository open = OpenRepository.readOnly(settings)) {
            Manifest manifest = open.repository().resolve(backup, sourceFilter);
            LogKeys.put(LogKeys.SOURCE, manifest.source().name());
            LogKeys.put(LogKeys.BACKUP_ID, manifest.backupId());
            progress.listener().expect(manifest.totalStoredSize(), manifest.storedBlocks().size());
        }
    }

    private static String firstProblem(DrillReport report) {
        if (report.failures().isEmpty()) {
            return "a check did not pass";
        }
        BlockFailure first = report.failures().get(0);
        return report.failures().size() + " problem(s), first: " + first.check() + " check, "
                + (first.block() == null ? "" : "block " + first.block() + ", ") + first.problem();
    }
}
