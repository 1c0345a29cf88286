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
 */
public record LockRecord(LockKind kind, String purpose, String host, long pid, Instant createdAt, Instant refreshedAt) {

    LockRecord refreshed(Instant at) {
        return new LockRecord(kind, purpose, host, pid, createdAt, at);
    }

    /** For messages: {@code prune on host-1 (pid 412), refreshed 2026-11-25T17:38:24Z}. */
    public String describe() {
        return purpose + " on " + host + " (pid " + pid + "), refreshed " + refreshedAt;
    }
}
