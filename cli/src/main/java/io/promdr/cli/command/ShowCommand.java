package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.output.JsonOutput;
import io.promdr.cli.output.ManifestView;
import io.promdr.core.model.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code promdr show}: one backup's manifest. */
@Command(name = "show", sortOptions = false, description = "Show one backup: its details and blocks.")
final class ShowCommand extends PromdrSubcommand {

    @Parameters(index = "0", paramLabel = "BACKUP", description = "Backup id, a unique prefix of one, or \"latest\".")
    String backup;

    @Option(names = "--source", paramLabel = "NAME", description = "Resolve \"latest\" and prefixes within this source.")
    String source;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, or json to print the manifest as stored. Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Override
    void run() throws Exception {
        Manifest manifest;
        try (OpenRepository open = OpenRepository.readOnly(root.settings(PromdrConfig.empty()))) {
            manifest = open.repository().resolve(backup, SourceOption.validated(source));
        }
        if (output == OutputFormat.json) {
            JsonOutput.print(out(), manifest);
        } else {
            new ManifestView(humanFormat()).print(manifest, out());
        }
    }
}
