package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.locks.RepositoryLocks;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Pins;
import io.promdr.core.repo.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetAddress;
import java.time.Instant;

/** {@code promdr pin}: protect a backup from retention until it is unpinned. */
@Command(name = "pin", sortOptions = false,
        description = {"Pin a backup: prune keeps it whatever the retention policy, until `promdr unpin`."})
final class PinCommand extends PromdrSubcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Backup id, unique id prefix, or latest.")
    String id;

    @Option(names = "--source", paramLabel = "NAME", description = "Look the id up in this source only (needed for latest with several sources).")
    String source;

    @Override
    void run() throws Exception {
        try (OpenRepository open = OpenRepository.writable(root.settings(PromdrConfig.empty()))) {
            Repository repository = open.repository();
            Manifest manifest = repository.resolve(id, SourceOption.validated(source));
            String sourceName = manifest.source().name();
            new Pins(repository.store()).pin(sourceName, manifest.id(), Instant.now(), pinnedBy());
            // A prune that planned before the pin existed may still delete the backup: wait for any
            // running prune to end, then make sure the backup is still there.
            RepositoryLocks locks = new RepositoryLocks(repository.store());
            if (locks.liveExclusive().isPresent()) {
                say("a prune is running; waiting for it to finish");
                locks.awaitNoExclusive();
            }
            if (repository.store().stat(Repository.manifestKeyOf(manifest)).isEmpty()) {
                new Pins(repository.store()).unpin(sourceName, manifest.id());
                throw new PromdrException(ErrorCode.BACKUP_NOT_FOUND,
                        "backup " + manifest.backupId() + " was deleted by a prune that was running while it was pinned",
                        "pin another backup (see `promdr list`)");
            }
            say("pinned backup " + manifest.backupId() + " of source " + sourceName + ": prune keeps it until `promdr unpin "
                    + manifest.backupId() + "`");
        }
    }

    private static String pinnedBy() {
        String user = System.getProperty("user.name", "unknown");
        try {
            return user + "@" + InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return user;
        }
    }
}
