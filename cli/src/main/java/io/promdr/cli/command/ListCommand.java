package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.output.BackupListView;
import io.promdr.cli.output.BackupSummary;
import io.promdr.cli.output.JsonOutput;
import io.promdr.core.model.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
        try (OpenRepository open = OpenRepository.readOnly(root.settings(PromdrConfig.empty()))) {
            manifests = open.repository().listManifests(SourceOption.validated(source));
        }
        if (output == OutputFormat.json) {
            JsonOutput.print(out(), manifests.stream().map(BackupSummary::of).toList());
        } else {
            new BackupListView(humanFormat()).print(manifests, out());
        }
    }
}
