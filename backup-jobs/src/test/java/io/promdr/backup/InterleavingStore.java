package io.promdr.backup;

import io.promdr.core.store.ForwardingObjectStore;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.PendingObject;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * One simulated process's view of the shared repository store: before every operation it lets
 * the scheduler run a step of another process (so a prune's sweep can be interleaved with a
 * backup's checks object by object), and it fails the operation numbered {@code crashAt} to
 * simulate the process dying there. Closing it leaves the shared store open.
 */
final class InterleavingStore extends ForwardingObjectStore {
    /** Called before each operation; may run another process's step. */
    interface Hook {
        void beforeOperation(InterleavingStore store) throws IOException;
    }

    private final Hook hook;
    private final int crashAt;
    private int operations;
    private boolean crashed;

    InterleavingStore(ObjectStore shared, Hook hook, int crashAt) {
        super(shared);
        this.hook = hook;
        this.crashAt = crashAt;
    }

    boolean crashed() {
        return crashed;
    }

    private void before(String what) throws IOException {
        if (crashed) {
            throw new SimulatedCrash("process already crashed: " + what);
        }
        if (++operations == crashAt) {
            crashed = true;
            throw new SimulatedCrash("simulated crash before " + what);
        }
        hook.beforeOperation(this);
    }

    @Override
    public PendingObject create(String key) throws IOException {
        before("create " + key);
        return super.create(key);
    }

    @Override
    public InputStream get(String key) throws IOException {
        before("get " + key);
        return super.get(key);
    }

    @Override
    public InputStream getRange(String key, long offset, long length) throws IOException {
        before("getRange " + key);
        return super.getRange(key, offset, length);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        before("stat " + key);
        return super.stat(key);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        before("list " + prefix);
        return super.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        before("delete " + key);
        super.delete(key);
    }

    @Override
    public void close() {
    }

    /** The injected failure: the process that gets it stops dead, leaving its lock behind. */
    static final class SimulatedCrash extends IOException {
        SimulatedCrash(String message) {
            super(message);
        }
    }
}
