package io.promdr.core.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An object being written. Write to {@link #stream()}, then {@link #commit()} to make it visible
 * atomically. {@link #close()} without a commit aborts and leaves nothing visible.
 */
public interface PendingObject extends AutoCloseable {

    /** The sink for the object's bytes. Closing it does not commit. */
    OutputStream stream();

    /** Makes the object visible under its key and returns what was stored. */
    ObjectInfo commit() throws IOException;

    /** Drops what was written; safe to call more than once and after commit (then it does nothing). */
    void abort();

    @Override
    default void close() {
        abort();
    }
}
