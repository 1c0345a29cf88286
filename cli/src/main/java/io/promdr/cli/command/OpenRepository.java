package io.promdr.cli.command;

import io.promdr.cli.config.Settings;
import io.promdr.core.repo.Repository;
import io.promdr.core.progress.ProgressListener;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.store.ProgressObjectStore;
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
        return readOnly(settings, ProgressListener.NONE);
    }

    /** Read-only, reporting the block bytes it reads to {@code progress}. */
    static OpenRepository readOnly(Settings settings, ProgressListener progress) throws IOException {
        ObjectStore store = ReadOnlyObjectStore.of(ProgressObjectStore.of(
                ObjectStores.open(settings.requireRepositoryUri(), settings.s3(), settings.retry()), progress));
        return new OpenRepository(store, Repository.openOrCloseStore(store, settings.encryptionKey()));
    }

    /** For the commands that write small objects (pin, unpin). */
    static OpenRepository writable(Settings settings) throws IOException {
        ObjectStore store = ObjectStores.open(settings.requireRepositoryUri(), settings.s3(), settings.retry());
        return new OpenRepository(store, Repository.openOrCloseStore(store, settings.encryptionKey()));
    }

    Repository repository() {
        return repository;
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
