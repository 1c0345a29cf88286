package io.promdr.restore;

/** Plans and runs the restore job (plan, download and verify into staging, activate). */
public class RestoreService {
    public RestorePlan plan(RestoreRequest request) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public RestoreResult restore(RestoreRequest request) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
