package io.promdr.core.progress;

/**
 * Hears how far long work has come: the bytes of block objects moved to or from the repository
 * and the objects finished. Fed by {@link io.promdr.core.store.ProgressObjectStore}, so that
 * backup, restore, drill and verify report progress without knowing about it; the CLI renders
 * it (a bar on a terminal, a log line every few seconds otherwise).
 *
 * <p>Implementations must be cheap (called per buffer) and must never throw: progress is not
 * worth failing a backup for.
 */
public interface ProgressListener {

    /** Hears nothing. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void transferred(long bytes) {
        }

        @Override
        public void objectDone(String key) {
        }
    };

    /** The work ahead, when it is known beforehand (a restore's plan); never called otherwise. */
    default void expect(long bytes, int objects) {
    }

    /** {@code bytes} more of a block object were written or read. */
    void transferred(long bytes);

    /** One block object was completely written (committed) or read (closed). */
    void objectDone(String key);
}
