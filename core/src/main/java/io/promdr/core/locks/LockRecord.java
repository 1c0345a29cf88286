package io.promdr.core.locks;

import java.time.Instant;

/**
 * The JSON of {@code locks/<lock-id>.json}.
 *
 * @param kind        shared (backup) or exclusive (prune)
 * @param purpose     what holds it, for messages: {@code backup 20261125T173824Z-3fa9c2d1 of source default}
 * @param host        the host name of the process holding it
 * @param pid         its process id
 * @param createdAt   when it was taken
 * @param refreshedAt when its holder last rewrote it; a lock not refreshed for the stale-after time is ignored
 * @param instance    optional: the holder's kernel boot id and PID namespace, with {@code startedAt} what lets
 *                    a process on the same machine see that the holder is dead ({@link LockHolders})
 * @param startedAt   optional: when the holder process started
 */
public record LockRecord(LockKind kind, String purpose, String host, long pid, Instant createdAt, Instant refreshedAt,
                         String instance, Instant startedAt) {

    /** A record without the optional holder identity (as written by promdr before it had one). */
    public LockRecord(LockKind kind, String purpose, String host, long pid, Instant createdAt, Instant refreshedAt) {
        this(kind, purpose, host, pid, createdAt, refreshedAt, null, null);
    }

    LockRecord refreshed(Instant at) {
        return new LockRecord(kind, purpose, host, pid, createdAt, at, instance, startedAt);
    }

    /** For messages: {@code prune on host-1 (pid 412), refreshed 2026-11-25T17:38:24Z}. */
    public String describe() {
        return purpose + " on " + host + " (pid " + pid + "), refreshed " + refreshedAt;
    }
}
