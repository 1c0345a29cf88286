package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import picocli.CommandLine.Command;

/** {@code promdr init}: writes repository.json into an empty location. */
@Command(name = "init", description = {"Initialise a new, empty repository (given by --repository or the config).",
        "With --encryption-key-file (or PROMDR_ENCRYPTION_KEY, repository.encryption), an encrypted one."})
final class InitCommand extends PromdrSubcommand {

    @Override
    void run() throws Exception {
        Settings settings = root.settings(PromdrConfig.empty());
        try (ObjectStore store = ObjectStores.open(settings.requireRepositoryUri(), settings.s3(), settings.retry())) {
            Repository repository = Repository.init(store, "promdr " + VersionProvider.version(), settings.encryptionKey());
            say("initialised " + (repository.descriptor().encrypted() ? "encrypted " : "") + "repository "
                    + repository.location() + " (id " + repository.descriptor().id() + ")");
            if (repository.descriptor().encrypted()) {
                say("block archives are encrypted with the key from " + settings.encryptionKey().description()
                        + ": keep a copy of it apart from the repository, without it no backup can be restored");
            }
        }
    }
}
