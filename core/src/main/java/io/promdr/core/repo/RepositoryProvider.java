package io.promdr.core.repo;

import io.promdr.core.store.ObjectStore;

import java.io.IOException;

/**
 * Opens the configured repository. Jobs get the repository through this bean, never through job
 * parameters: parameters are stored in the job repository database, credentials must not be.
 */
@FunctionalInterface
public interface RepositoryProvider {

    /** Opens the repository on a new object store, which the caller owns and closes ({@link #withRepository} does). */
    Repository open() throws IOException;

    /**
     * Opens the repository, applies {@code work} to it and closes its store, also when the work
     * fails. Every open re-reads repository.json, so every use checks the format version.
     */
    default <T> T withRepository(RepositoryFunction<T> work) throws IOException {
        Repository repository = open();
        try (ObjectStore ignored = repository.store()) {
            return work.apply(repository);
        }
    }

    /** Work on an open repository. */
    @FunctionalInterface
    interface RepositoryFunction<T> {
        T apply(Repository repository) throws IOException;
    }
}
