package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.cli.jobs.JobContext;
import io.promdr.cli.logging.LogKeys;
import io.promdr.cli.output.HumanFormat;
import io.promdr.cli.output.RestorePlanView;
import io.promdr.cli.progress.Progress;
import io.promdr.cli.time.TimeArgument;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.Manifest;
import io.promdr.restore.RestorePlan;
import io.promdr.restore.RestoreRequest;
import io.promdr.restore.RestoreResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** {@code promdr restore}: download a backup's blocks into a Prometheus data directory. */
@Command(name = "restore", sortOptions = false,
        description = {"Restore a backup into a Prometheus data directory.",
                "Downloads and verifies the blocks, then moves them into DIR, which Prometheus can start on",
                "(--storage.tsdb.path). Refuses a non-empty directory unless --merge or --force."})
final class RestoreCommand extends PromdrSubcommand {

    @Parameters(index = "0", paramLabel = "BACKUP", description = "Backup id, a unique prefix of one, or \"latest\".")
    String backup;

    @Option(names = "--to", paramLabel = "DIR",
            description = "Target directory (created when missing). Without it (and without --to-pvc), restore explains"
                    + " what it would do and stops.")
    Path target;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Only blocks with samples at or after TIME (RFC 3339, 2026-11-20, epoch seconds, now-7d).")
    String from;

    @Option(names = "--until", paramLabel = "TIME", description = "Only blocks with samples before TIME (same forms).")
    String until;

    @Option(names = "--merge", description = "Add to a non-empty target, skipping blocks already there.")
    boolean merge;

    @Option(names = "--force", description = "Allow a non-empty target and replace blocks already there.")
    boolean force;

    @Option(names = {"-y", "--yes"},
            description = "Confirm --force on a non-empty target without being asked (needed when not on a terminal).")
    boolean yes;

    @Option(names = "--dry-run", description = "Print the plan (blocks to restore and skip, bytes) and change nothing.")
    boolean dryRun;

    @Option(names = "--source", paramLabel = "NAME", description = "Resolve \"latest\" and prefixes within this source.")
    String source;

    @ArgGroup(exclusive = false, heading = "%nRestore into a PVC, through a Job in the cluster (docs/kubernetes.md):%n")
    RestoreToPvc.Options toPvc = new RestoreToPvc.Options();

    @Override
    void run() throws Exception {
        Instant fromTime = from == null ? null : TimeArgument.parse("--from", from, root.environment().clock());
        Instant untilTime = until == null ? null : TimeArgument.parse("--until", until, root.environment().clock());
        if (fromTime != null && untilTime != null && !fromTime.isBefore(untilTime)) {
            throw new PromdrException(ErrorCode.USAGE, "--from " + fromTime + " is not before --until " + untilTime,
                    "give a --from earlier than --until");
        }
        Settings settings = root.settings(PromdrConfig.empty());
        settings.requireRepositoryUri();
        if (toPvc.toPvc != null) {
            new RestoreToPvc(this, settings, toPvc).run();
            return;
        }
        if (target == null) {
            explainWithoutTarget(settings);
            return;
        }
        Path dir = target.toAbsolutePath().normalize();
        RestoreRequest request = new RestoreRequest(backup, SourceOption.validated(source), dir,
                fromTime == null ? null : fromTime.toEpochMilli(), untilTime == null ? null : untilTime.toEpochMilli(),
                merge, force, dryRun);
        if (dryRun) {
            try (JobContext jobs = JobContext.start(settings)) {
                RestorePlan plan = jobs.restoreService().plan(request);
                new RestorePlanView(humanFormat()).print(plan, dir, out());
                say("dry run: nothing was changed");
                return;
            }
        }
        RestoreResult result;
        try (Progress.ProgressListenerHandle progress = progress("restore");
             JobContext jobs = JobContext.start(settings, progress.listener())) {
            RestorePlan plan = jobs.restoreService().plan(request);
            LogKeys.put(LogKeys.SOURCE, plan.manifest().source().name());
            LogKeys.put(LogKeys.BACKUP_ID, plan.manifest().backupId());
            if (force && RestoreSafety.holdsFiles(dir)) {
                Confirmation.system(err()).require(RestoreSafety.forceConsequence(plan, dir), yes);
            }
            progress.listener().expect(plan.toRestore().stream().mapToLong(b -> b.object().size()).sum(),
                    plan.toRestore().size());
            result = jobs.restoreService().restore(request);
        }
        say("restored backup " + result.plan().manifest().backupId() + " into " + dir + ": "
                + result.blocksRestored() + " blocks, " + HumanFormat.bytes(result.bytesDownloaded()) + " downloaded, "
                + (result.plan().alreadyPresent().size() + result.plan().outsideWindow().size()) + " skipped; took "
                + HumanFormat.duration(result.duration()));
        say(merge ? "a running Prometheus on " + dir + " loads the new blocks at its next reload (within a minute)"
                : "start Prometheus with --storage.tsdb.path=" + dir
                + " and a --storage.tsdb.retention.time that covers the restored range");
    }

    /** {@code restore BACKUP} without {@code --to}: what would happen, then a usage error naming the missing option. */
    private void explainWithoutTarget(Settings settings) throws IOException {
        Manifest manifest;
        try (OpenRepository open = OpenRepository.readOnly(settings)) {
            manifest = open.repository().resolve(backup, SourceOption.validated(source));
        }
        out().println(RestoreSafety.explain(manifest, humanFormat(), merge, force));
        out().flush();
        throw new PromdrException(ErrorCode.USAGE, "no target directory given: nothing was restored",
                "add --to DIR (see the plan first with --dry-run)");
    }
}
