package io.promdr.cli.command;

import io.promdr.backup.prune.PruneRequest;
import io.promdr.backup.prune.PruneResult;
import io.promdr.cli.config.Settings;
import io.promdr.cli.jobs.JobContext;
import io.promdr.cli.metrics.MetricsPush;
import io.promdr.core.error.PromdrException;
import io.promdr.core.metrics.PruneMetrics;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** Runs a prune and pushes its metrics: shared by {@code promdr prune} and {@code promdr backup} with retention.afterBackup. */
final class PruneExecution {

    private PruneExecution() {
    }

    static PruneResult run(Settings settings, PruneRequest request, PrintWriter err) throws IOException {
        MetricsPush metrics = new MetricsPush(settings.metrics(), err);
        Instant start = Instant.now();
        PruneResult result;
        try (JobContext jobs = JobContext.start(settings)) {
            result = jobs.pruneService().prune(request);
        } catch (PromdrException | IOException e) {
            if (!request.dryRun()) {
                metrics.publish(true, p -> p.pruneFinished(PruneMetrics.failed(request.source(), Instant.now(),
                        Duration.between(start, Instant.now()))));
            }
            throw e;
        }
        if (!request.dryRun()) {
            metrics.publish(false, p -> p.pruneFinished(result.metrics(request.source())));
        }
        return result;
    }
}
