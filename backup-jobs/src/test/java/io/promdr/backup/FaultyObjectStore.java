package io.promdr.backup;

import io.promdr.core.store.ForwardingObjectStore;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.PendingObject;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes everything to a real store, except that creating block objects fails once a number of
 * them succeeded. Tests assert {@link #faultsInjected()} so that a planned fault that never fired
 * fails the test instead of passing it silently.
 */
final class FaultyObjectStore extends ForwardingObjectStore {
    private final int blockCreatesAllowed;
    private final AtomicInteger blockCreates = new AtomicInteger();
    private final AtomicInteger faults = new AtomicInteger();

    /** Fails every {@code create} of a {@code blocks/} key after the first {@code blockCreatesAllowed}. */
    FaultyObjectStore(ObjectStore delegate, int blockCreatesAllowed) {
        super(delegate);
        this.blockCreatesAllowed = blockCreatesAllowed;
    }

    int faultsInjected() {
        return faults.get();
    }

    @Override
    public PendingObject create(String key) throws IOException {
        if (key.startsWith("blocks/") && blockCreates.incrementAndGet() > blockCreatesAllowed) {
            faults.incrementAndGet();
            throw new IOException("injected fault: create " + key);
        }
        return super.create(key);
    }
}
