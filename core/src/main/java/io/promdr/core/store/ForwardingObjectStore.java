package io.promdr.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Base of the decorators: passes every operation to the wrapped store, so that a decorator
 * overrides only what it changes ({@link ReadOnlyObjectStore} refuses writes; a test's faulty
 * store injects failures). Closing closes the wrapped store: a decorator owns what it wraps.
 *
 * <p>{@link #put} is deliberately not forwarded: the interface's default writes through
 * {@link #create}, so a decorator that changes {@code create} changes {@code put} too.
 */
public abstract class ForwardingObjectStore implements ObjectStore {
    private final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The wrapped store. */
    protected final ObjectStore delegate() {
        return delegate;
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public PendingObject create(String key) throws IOException {
        return delegate.create(key);
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
    public void delete(String key) throws IOException {
        delegate.delete(key);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
