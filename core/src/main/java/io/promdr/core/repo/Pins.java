package io.promdr.core.repo;

import io.promdr.core.model.BackupId;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectStore;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Pins: small objects {@code pins/<source>/<backup-id>.json} that make retention keep a backup
 * whatever the policy (docs/repository-format.md, "Pins"). The object's presence is the pin; its
 * content only says who pinned it and when.
 */
public final class Pins {
    private final ObjectStore store;

    public Pins(ObjectStore store) {
        this.store = store;
    }

    public void pin(String source, BackupId id, Instant at, String by) throws IOException {
        store.put(RepositoryLayout.pinKey(source, id), RepositoryJson.mapper().writeValueAsBytes(new Pin(at, by)));
    }

    /** Removes the pin; returns false when there was none. */
    public boolean unpin(String source, BackupId id) throws IOException {
        String key = RepositoryLayout.pinKey(source, id);
        boolean existed = store.stat(key).isPresent();
        store.delete(key);
        return existed;
    }

    public boolean isPinned(String source, BackupId id) throws IOException {
        return store.stat(RepositoryLayout.pinKey(source, id)).isPresent();
    }

    /** The pinned backup ids of one source (or of all sources when null). */
    public Set<String> pinnedIds(String source) throws IOException {
        Set<String> ids = new HashSet<>();
        for (ObjectInfo info : store.list(RepositoryLayout.pinPrefix(source))) {
            RepositoryLayout.pinnedIdOf(info.key()).ifPresent(id -> ids.add(id.value()));
        }
        return ids;
    }

    /** The JSON of a pin. */
    public record Pin(Instant pinnedAt, String pinnedBy) {
    }
}
