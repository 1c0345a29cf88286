package io.promdr.cli.doctor;

import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;

import java.io.IOException;

/**
 * {@code repository}: the repository answers (endpoint, bucket, credentials) and is an
 * initialised promdr repository of a format this promdr reads. Leaves the store open in the
 * context for the write probe.
 */
final class RepositoryCheck implements DoctorCheck {
    static final String NAME = "repository";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        String uri = context.settings().repositoryUri();
        if (uri == null) {
            return CheckOutcome.skipped("no repository given");
        }
        try {
            ObjectStore store = ObjectStores.open(uri, context.settings().s3());
            context.store(store);
            Repository repository = Repository.open(store, context.settings().encryptionKey());
            return CheckOutcome.ok(repository.location() + " is an initialised promdr repository (format version "
                    + repository.descriptor().version() + (repository.descriptor().encrypted() ? ", encrypted, key checked" : "")
                    + ")");
        } catch (PromdrException e) {
            return CheckOutcome.failed(e.getMessage(), e.hint());
        } catch (IOException e) {
            return CheckOutcome.failed("cannot read repository " + uri + ": " + e,
                    "check the repository URI, the network and the permissions");
        }
    }
}
