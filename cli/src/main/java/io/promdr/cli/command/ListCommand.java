package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.output.BackupListView;
import io.promdr.cli.output.BackupSummary;
import io.promdr.cli.output.JsonOutput;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code promdr list}: the committed backups, oldest first. */
@Command(name = "list", sortOptions = false, description = "List the backups in the repository, oldest first.")
final class ListCommand extends PromdrSubcommand {

    @Option(names = "--source", paramLabel = "NAME", description = "Only the backups of this source (default: all).")
    String source;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (schema in docs/cli.md). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Override
    void run() throws Exception {
        List<Manifest> manifests;
        List<PromdrException> unreadable = new ArrayList<>();
        try (OpenRepository open = OpenRepository.readOnly(root.settings(PromdrConfig.empty()))) {
            // One damaged manifest must not hide every other backup: list the readable ones, then fail.
            manifests = open.repository().listManifests(SourceOption.validated(source), unreadable::add);
        }
        if (output == OutputFormat.json) {
            JsonOutput.print(out(), manifests.stream().map(BackupSummary::of).toList());
        } else {
            new BackupListView(humanFormat()).print(manifests, out());
        }
        if (!unreadable.isEmpty()) {
            for (PromdrException problem : unreadable) {
                err().println("warning: " + problem.userMessage());
            }
            throw new PromdrException(unreadable.get(0).code(),
                    unreadable.size() + " manifest(s) could not be read; the backups listed above are unaffected",
                    "see the warnings above; `promdr restore` of a listed backup still works");
        }
    }
}
