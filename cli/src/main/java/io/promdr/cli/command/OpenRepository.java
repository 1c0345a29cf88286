package io.promdr.cli.command;

import io.promdr.cli.config.Settings;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.store.ReadOnlyObjectStore;

import java.io.IOException;

/** The repository of the settings, opened read-only for commands that only look (list, show), closed after use. */
final class OpenRepository implements AutoCloseable {
    private final ObjectStore store;
    private final Repository repository;

    private OpenRepository(ObjectStore store, Repository repository) {
        this.store = store;
        this.repository = repository;
    }

    static OpenRepository readOnly(Settings settings) throws IOException {
        ObjectStore store = ReadOnlyObjectStore.of(ObjectStores.open(settings.requireRepositoryUri(), settings.s3(), settings.retry()));
        return new OpenRepository(store, Repository.openOrCloseStore(store));
    }

    Repository repository() {
        return repository;
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
