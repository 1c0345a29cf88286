package io.promdr.cli.command;

import io.promdr.backup.prune.PruneRequest;
import io.promdr.backup.prune.PruneResult;
import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.cli.output.JsonOutput;
import io.promdr.cli.output.PruneJson;
import io.promdr.cli.output.PrunePlanView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code promdr prune}: apply the retention policy, then sweep block objects no backup uses any more. */
@Command(name = "prune", sortOptions = false,
        description = {"Apply the retention policy (retention: in the config, docs/retention.md) to the backups.",
                "Deletes the manifests of the backups no rule keeps, then the block objects no remaining backup",
                "references and older than retention.gracePeriod. Pinned backups and the newest backup of each",
                "source are always kept. Use --dry-run first: it prints every decision with its reasons."})
final class PruneCommand extends PromdrSubcommand {

    @Option(names = "--dry-run", description = "Print the plan (every backup, keep or remove, and why); delete nothing.")
    boolean dryRun;

    @Option(names = "--source", paramLabel = "NAME", description = "Only the backups of this source (default: every source).")
    String source;

    @Option(names = "--allow-empty-policy",
            description = "Accept a policy without any keep rule (it keeps only pinned backups and the newest of each source).")
    boolean allowEmptyPolicy;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (schema in docs/cli.md). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Override
    void run() throws Exception {
        Settings settings = root.settings(PromdrConfig.empty());
        settings.requireRepositoryUri();
        PruneRequest request = new PruneRequest(SourceOption.validated(source), settings.retention().rules(), dryRun,
                allowEmptyPolicy);
        PruneResult result = PruneExecution.run(settings, request, err());
        if (output == OutputFormat.json) {
            JsonOutput.print(out(), PruneJson.of(result));
        } else if (dryRun || !root.quiet()) {
            new PrunePlanView().print(result, out());
            out().flush();
        }
    }
}
