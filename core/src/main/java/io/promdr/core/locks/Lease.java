package io.promdr.core.locks;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.RepositoryJson;
import io.promdr.core.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A lock this process holds. While held, a heartbeat rewrites the lock object; the holder calls
 * {@link #requireHeld} before each action the lock protects (a backup before it commits its
 * manifest, a prune before each delete), which fails once the lock may have looked stale to
 * others. {@link #close} deletes the lock object.
 */
public final class Lease implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lease.class);

    private final ObjectStore store;
    private final String key;
    private final Clock clock;
    private final LockTimings timings;
    private LockRecord record;
    private Instant lastRefresh;
    private boolean lost;
    private boolean closed;
    private ScheduledExecutorService heartbeat;

    Lease(ObjectStore store, String key, LockRecord record, Clock clock, LockTimings timings) {
        this.store = store;
        this.key = key;
        this.record = record;
        this.clock = clock;
        this.timings = timings;
        this.lastRefresh = record.refreshedAt();
    }

    public String key() {
        return key;
    }

    public synchronized LockRecord record() {
        return record;
    }

    void startHeartbeat() {
        if (timings.refreshEvery() == null) {
            return;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "promdr-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long ms = timings.refreshEvery().toMillis();
        heartbeat.scheduleWithFixedDelay(this::refreshQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Rewrites the lock object with a new refreshedAt. A gap longer than allowed since the last refresh marks the lease lost for good. */
    public synchronized void refresh() throws IOException {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        if (Duration.between(lastRefresh, now).compareTo(timings.maxRefreshGap()) > 0) {
            lost = true;
        }
        LockRecord next = record.refreshed(now);
        store.put(key, RepositoryJson.mapper().writeValueAsBytes(next));
        record = next;
        lastRefresh = now;
    }

    /** Fails with LOCK_LOST when the lock may have looked stale to another process since it was taken. */
    public synchronized void requireHeld(String action) {
        Duration gap = Duration.between(lastRefresh, clock.instant());
        if (lost || gap.compareTo(timings.maxRefreshGap()) > 0) {
            lost = true;
            throw new PromdrException(ErrorCode.LOCK_LOST,
                    "lock " + key + " (" + record.purpose() + ") was not refreshed for over "
                            + timings.maxRefreshGap().toMinutes() + " minutes; stopped before " + action,
                    "the process was paused or the repository was unreachable; run the command again");
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            log.warn("could not refresh lock {}: {}", key, e.getMessage());
        }
    }

    /** Stops the heartbeat and deletes the lock object (synchronized: a refresh in flight cannot write it back). */
    @Override
    public synchronized void close() throws IOException {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        closed = true;
        store.delete(key);
    }

    /** Stops the heartbeat and leaves the lock object behind, as a crashed process would (tests). */
    public synchronized void abandon() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        closed = true;
    }
}
