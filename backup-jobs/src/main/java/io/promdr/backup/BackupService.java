package io.promdr.backup;

/** Runs the backup job (snapshot, upload blocks, commit manifest, remove snapshot) and returns its result or raises a PromdrException. */
public class BackupService {
    public BackupResult backup(BackupRequest request) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
