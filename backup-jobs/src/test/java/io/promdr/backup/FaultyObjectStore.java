package io.promdr.backup;

import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.PendingObject;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes everything to a real store, except that creating block objects fails once a number of
 * them succeeded. Tests assert {@link #faultsInjected()} so that a planned fault that never fired
 * fails the test instead of passing it silently.
 */
final class FaultyObjectStore implements ObjectStore {
    private final ObjectStore delegate;
    private final int blockCreatesAllowed;
    private final AtomicInteger blockCreates = new AtomicInteger();
    private final AtomicInteger faults = new AtomicInteger();

    /** Fails every {@code create} of a {@code blocks/} key after the first {@code blockCreatesAllowed}. */
    FaultyObjectStore(ObjectStore delegate, int blockCreatesAllowed) {
        this.delegate = delegate;
        this.blockCreatesAllowed = blockCreatesAllowed;
    }

    int faultsInjected() {
        return faults.get();
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public PendingObject create(String key) throws IOException {
        if (key.startsWith("blocks/") && blockCreates.incrementAndGet() > blockCreatesAllowed) {
            faults.incrementAndGet();
            throw new IOException("injected fault: create " + key);
        }
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
}
