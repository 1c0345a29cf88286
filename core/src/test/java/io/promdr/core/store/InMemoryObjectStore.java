package io.promdr.core.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link ObjectStore} in memory, for fast tests. It records every committed key, in order, so tests can assert what was uploaded. */
public class InMemoryObjectStore implements ObjectStore {
    private record Stored(byte[] bytes, Instant lastModified) {
    }

    private final Map<String, Stored> objects = new ConcurrentSkipListMap<>();
    private final List<String> committedKeys = new CopyOnWriteArrayList<>();

    @Override
    public String location() {
        return "mem://test";
    }

    @Override
    public PendingObject create(String key) {
        ObjectKeys.requireValid(key);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new PendingObject() {
            private boolean done;

            @Override
            public OutputStream stream() {
                return buffer;
            }

            @Override
            public ObjectInfo commit() {
                if (done) {
                    throw new IllegalStateException("already committed or aborted: " + key);
                }
                done = true;
                Stored stored = new Stored(buffer.toByteArray(), Instant.now());
                objects.put(key, stored);
                committedKeys.add(key);
                return new ObjectInfo(key, stored.bytes().length, stored.lastModified());
            }

            @Override
            public void abort() {
                done = true;
            }
        };
    }

    @Override
    public InputStream get(String key) {
        return new ByteArrayInputStream(require(key).bytes());
    }

    @Override
    public InputStream getRange(String key, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + offset + "+" + length + " for " + key);
        }
        byte[] bytes = require(key).bytes();
        int from = (int) Math.min(offset, bytes.length);
        // offset + length may overflow for "to the end" reads such as Long.MAX_VALUE.
        int to = (int) Math.min(bytes.length, from + Math.min(length, (long) bytes.length));
        return new ByteArrayInputStream(bytes, from, to - from);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        ObjectKeys.requireValid(key);
        Stored stored = objects.get(key);
        return stored == null ? Optional.empty() : Optional.of(new ObjectInfo(key, stored.bytes().length, stored.lastModified()));
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        String checked = ObjectKeys.requireValidPrefix(prefix);
        List<ObjectInfo> result = new ArrayList<>();
        objects.forEach((key, stored) -> { // a sorted map: the result is sorted by key
            if (key.startsWith(checked)) {
                result.add(new ObjectInfo(key, stored.bytes().length, stored.lastModified()));
            }
        });
        return result;
    }

    @Override
    public void delete(String key) {
        ObjectKeys.requireValid(key);
        objects.remove(key);
    }

    /** Every key committed so far, in commit order (a key written twice appears twice). */
    public List<String> committedKeys() {
        return List.copyOf(committedKeys);
    }

    /** Replaces an object's bytes, as a tampered or corrupted bucket would. */
    public void overwrite(String key, byte[] bytes) throws IOException {
        objects.put(key, new Stored(bytes, Instant.now()));
    }

    public byte[] bytes(String key) {
        return require(key).bytes();
    }

    private Stored require(String key) {
        ObjectKeys.requireValid(key);
        Stored stored = objects.get(key);
        if (stored == null) {
            throw new ObjectNotFoundException(location(), key);
        }
        return stored;
    }
}
