package io.promdr.restore;

import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryProvider;

import java.io.IOException;

/** Opens the configured repository behind a {@link ReadOnlyObjectStore}: restore, drill and verify never write or delete anything in it. */
public final class ReadOnlyRepositories implements RepositoryProvider {
    private final RepositoryProvider provider;

    public ReadOnlyRepositories(RepositoryProvider provider) {
        this.provider = provider;
    }

    @Override
    public Repository open() throws IOException {
        // A view of the opened repository, not a second open: that keeps its encryption key.
        return provider.open().readOnly();
    }
}
