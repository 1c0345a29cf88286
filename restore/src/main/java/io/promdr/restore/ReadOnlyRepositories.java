package io.promdr.restore;

import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryProvider;
import io.promdr.core.store.ReadOnlyObjectStore;

import java.io.IOException;

/** Opens the configured repository behind a {@link ReadOnlyObjectStore}: restore, drill and verify never write or delete anything in it. */
public final class ReadOnlyRepositories implements RepositoryProvider {
    private final RepositoryProvider provider;

    public ReadOnlyRepositories(RepositoryProvider provider) {
        this.provider = provider;
    }

    @Override
    public Repository open() throws IOException {
        return Repository.openOrCloseStore(ReadOnlyObjectStore.of(provider.open().store()));
    }
}
