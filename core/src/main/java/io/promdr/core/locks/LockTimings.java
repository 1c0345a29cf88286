package io.promdr.core.locks;

import java.time.Duration;

/**
 * How long locks live. A holder rewrites its lock every {@code refreshEvery}; other processes
 * ignore a lock not rewritten for {@code staleAfter}; a holder that could not rewrite its lock for
 * half of {@code staleAfter} considers it lost and stops (so clocks may differ by up to half of
 * staleAfter without two processes both believing they are protected).
 *
 * @param staleAfter   age of {@code refreshedAt} after which a lock is ignored and may be removed
 * @param refreshEvery interval of the heartbeat that rewrites a held lock; null: no heartbeat
 *                     (tests refresh by hand)
 * @param pollEvery    how often a backup waiting for a prune's lock looks again
 */
public record LockTimings(Duration staleAfter, Duration refreshEvery, Duration pollEvery) {

    public static final LockTimings DEFAULT = new LockTimings(Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofSeconds(2));

    /** The longest gap between two refreshes a holder tolerates before it declares its lock lost. */
    public Duration maxRefreshGap() {
        return staleAfter.dividedBy(2);
    }
}
