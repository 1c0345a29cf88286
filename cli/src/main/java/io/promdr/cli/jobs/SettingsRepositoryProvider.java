package io.promdr.cli.jobs;

import io.promdr.cli.config.Settings;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryProvider;
import io.promdr.core.progress.ProgressListener;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.store.ProgressObjectStore;

import java.io.IOException;

/**
 * Opens the repository of the settings. Each {@link #open()} opens a new object store, which the
 * caller owns and closes (the job steps do, through {@link RepositoryProvider#withRepository}), and
 * re-reads repository.json, so every step checks the format version.
 */
final class SettingsRepositoryProvider implements RepositoryProvider {
    private final Settings settings;
    private final ProgressListener progress;

    SettingsRepositoryProvider(Settings settings) {
        this(settings, ProgressListener.NONE);
    }

    /** Every store it opens reports the block bytes it moves to {@code progress}. */
    SettingsRepositoryProvider(Settings settings, ProgressListener progress) {
        this.settings = settings;
        this.progress = progress;
    }

    @Override
    public Repository open() throws IOException {
        return Repository.openOrCloseStore(ProgressObjectStore.of(
                ObjectStores.open(settings.requireRepositoryUri(), settings.s3(), settings.retry()), progress),
                settings.encryptionKey());
    }
}
