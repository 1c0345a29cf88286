package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import picocli.CommandLine.Command;

/** {@code promdr init}: writes repository.json into an empty location. */
@Command(name = "init", description = "Initialise a new, empty repository (given by --repository or the config).")
final class InitCommand extends PromdrSubcommand {

    @Override
    void run() throws Exception {
        Settings settings = root.settings(PromdrConfig.empty());
        try (ObjectStore store = ObjectStores.open(settings.requireRepositoryUri(), settings.s3(), settings.retry())) {
            Repository repository = Repository.init(store, "promdr " + VersionProvider.version());
            say("initialised repository " + repository.location() + " (id " + repository.descriptor().id() + ")");
        }
    }
}
