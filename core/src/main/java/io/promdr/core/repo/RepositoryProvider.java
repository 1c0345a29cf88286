package io.promdr.core.repo;

import java.io.IOException;

/**
 * Opens the configured repository. Jobs get the repository through this bean, never through job
 * parameters: parameters are stored in the job repository database, credentials must not be.
 */
@FunctionalInterface
public interface RepositoryProvider {
    Repository open() throws IOException;
}
