package io.promdr.restore;

import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryProvider;
import io.promdr.core.store.ReadOnlyObjectStore;

import java.io.IOException;

/** Opens the configured repository behind a {@link ReadOnlyObjectStore}: restore never writes or deletes anything in it. */
final class ReadOnlyRepositories {
    private final RepositoryProvider provider;

    ReadOnlyRepositories(RepositoryProvider provider) {
        this.provider = provider;
    }

    Repository open() throws IOException {
        return Repository.open(ReadOnlyObjectStore.of(provider.open().store()));
    }
}
