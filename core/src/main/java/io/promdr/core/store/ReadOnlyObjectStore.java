package io.promdr.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Wraps a store so that nothing can write to it: restore and drill read the repository and must
 * never change it, whatever bug or option tries. Reads pass through; {@link #create},
 * {@link #put} and {@link #delete} throw {@link IllegalStateException}. Closing closes the
 * wrapped store.
 */
public final class ReadOnlyObjectStore implements ObjectStore {
    static final String MESSAGE = "read-only: restore and drill never write to the repository";

    private final ObjectStore delegate;

    public ReadOnlyObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    /** The wrapped store, unless it is already read-only. */
    public static ObjectStore of(ObjectStore store) {
        return store instanceof ReadOnlyObjectStore ? store : new ReadOnlyObjectStore(store);
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public PendingObject create(String key) {
        throw new IllegalStateException(MESSAGE + " (create " + key + " in " + location() + ")");
    }

    @Override
    public ObjectInfo put(String key, byte[] content) {
        throw new IllegalStateException(MESSAGE + " (put " + key + " in " + location() + ")");
    }

    @Override
    public InputStream get(String key) throws IOException {
        return delegate.get(key);
    }

    @Override
    public InputStream getRange(String key, long offset, long length) throws IOException {
        return delegate.getRange(key, offset, length);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        return delegate.stat(key);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String key) {
        throw new IllegalStateException(MESSAGE + " (delete " + key + " in " + location() + ")");
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
