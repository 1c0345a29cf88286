package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Pins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code promdr unpin}: hand a pinned backup back to the retention policy. */
@Command(name = "unpin", sortOptions = false,
        description = {"Unpin a backup: the retention policy decides about it again at the next prune."})
final class UnpinCommand extends PromdrSubcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Backup id, unique id prefix, or latest.")
    String id;

    @Option(names = "--source", paramLabel = "NAME", description = "Look the id up in this source only.")
    String source;

    @Override
    void run() throws Exception {
        try (OpenRepository open = OpenRepository.writable(root.settings(PromdrConfig.empty()))) {
            Manifest manifest = open.repository().resolve(id, SourceOption.validated(source));
            boolean was = new Pins(open.repository().store()).unpin(manifest.source().name(), manifest.id());
            say(was ? "unpinned backup " + manifest.backupId() + " of source " + manifest.source().name()
                    : "backup " + manifest.backupId() + " was not pinned");
        }
    }
}
