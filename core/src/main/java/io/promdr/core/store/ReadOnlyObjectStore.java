package io.promdr.core.store;

/**
 * Wraps a store so that nothing can write to it: restore and drill read the repository and must
 * never change it, whatever bug or option tries. Reads pass through; {@link #create},
 * {@link #put} and {@link #delete} throw {@link IllegalStateException}. Closing closes the
 * wrapped store.
 */
public final class ReadOnlyObjectStore extends ForwardingObjectStore {
    static final String MESSAGE = "read-only: restore and drill never write to the repository";

    public ReadOnlyObjectStore(ObjectStore delegate) {
        super(delegate);
    }

    /** The wrapped store, unless it is already read-only. */
    public static ObjectStore of(ObjectStore store) {
        return store instanceof ReadOnlyObjectStore ? store : new ReadOnlyObjectStore(store);
    }

    @Override
    public PendingObject create(String key) {
        throw refused("create", key);
    }

    @Override
    public ObjectInfo put(String key, byte[] content) {
        throw refused("put", key);
    }

    @Override
    public void delete(String key) {
        throw refused("delete", key);
    }

    private IllegalStateException refused(String operation, String key) {
        return new IllegalStateException(MESSAGE + " (" + operation + " " + key + " in " + location() + ")");
    }
}
