package io.promdr.core.locks;

import com.fasterxml.jackson.core.JacksonException;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.RepositoryJson;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectNotFoundException;
import io.promdr.core.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes and inspects the locks under {@code locks/} (docs/repository-format.md, "Locks"). Every
 * acquisition writes its own lock object first and only then lists the others: with a store that
 * lists what was written before (S3, a file system), of two processes that lock at the same time
 * at least one sees the other.
 */
public final class RepositoryLocks {
    private static final Logger log = LoggerFactory.getLogger(RepositoryLocks.class);

    private final ObjectStore store;
    private final Clock clock;
    private final LockTimings timings;

    public RepositoryLocks(ObjectStore store, Clock clock, LockTimings timings) {
        this.store = store;
        this.clock = clock;
        this.timings = timings;
    }

    public RepositoryLocks(ObjectStore store) {
        this(store, Clock.systemUTC(), LockTimings.DEFAULT);
    }

    /**
     * Takes a shared (backup) lock. When a prune holds the exclusive lock, keeps the shared lock
     * (so that the prune will not start sweeping) and waits until the prune releases its lock or
     * it goes stale. A prune that may be sweeping right now is thereby always finished before
     * the backup looks at which block objects exist.
     */
    public Lease acquireShared(String purpose) throws IOException {
        Lease lease = beginShared(purpose);
        try {
            Optional<HeldLock> prune;
            while ((prune = exclusiveOtherThan(lease)).isPresent()) {
                log.info("waiting for {} to finish", prune.get().record().describe());
                sleep();
            }
            return lease;
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * The first half of {@link #acquireShared}: writes the shared lock. The caller must not look
     * at block objects until {@link #exclusiveOtherThan} is empty (tests drive the wait step by step).
     */
    public Lease beginShared(String purpose) throws IOException {
        return write(LockKind.SHARED, purpose);
    }

    /** The live exclusive lock of another process, if any. */
    public Optional<HeldLock> exclusiveOtherThan(Lease own) throws IOException {
        return liveOtherThan(own, LockKind.EXCLUSIVE);
    }

    /** As {@link #acquireShared}, but fails with REPOSITORY_LOCKED instead of waiting for a prune. */
    public Lease tryAcquireShared(String purpose) throws IOException {
        Lease lease = write(LockKind.SHARED, purpose);
        Optional<HeldLock> prune = liveOtherThan(lease, LockKind.EXCLUSIVE);
        if (prune.isPresent()) {
            lease.close();
            throw locked(prune.get());
        }
        return lease;
    }

    /** Takes the exclusive (prune) lock, or fails with REPOSITORY_LOCKED when another live one exists. */
    public Lease acquireExclusive(String purpose) throws IOException {
        Lease lease = write(LockKind.EXCLUSIVE, purpose);
        Optional<HeldLock> other = liveOtherThan(lease, LockKind.EXCLUSIVE);
        if (other.isPresent()) {
            lease.close();
            throw locked(other.get());
        }
        return lease;
    }

    /** The live shared locks other than {@code own}: while there is one, a prune must not sweep. */
    public List<HeldLock> liveShared(Lease own) throws IOException {
        return list().stream().filter(l -> !l.key().equals(own.key()) && l.record().kind() == LockKind.SHARED
                && !isStale(l.record())).toList();
    }

    /** The live exclusive lock, if any (pin waits for it). */
    public Optional<HeldLock> liveExclusive() throws IOException {
        return list().stream().filter(l -> l.record().kind() == LockKind.EXCLUSIVE && !isStale(l.record())).findFirst();
    }

    /** Waits until no live exclusive lock remains (or the one there goes stale). */
    public void awaitNoExclusive() throws IOException {
        while (liveExclusive().isPresent()) {
            sleep();
        }
    }

    /** Deletes the lock objects of crashed processes (not refreshed for staleAfter); returns how many. */
    public int removeStale() throws IOException {
        int removed = 0;
        for (HeldLock lock : list()) {
            if (isStale(lock.record())) {
                log.info("removing stale lock {}: {}{}", lock.key(), lock.record().describe(),
                        LockHolders.isDead(lock.record()) ? " (its process is no longer running)" : "");
                store.delete(lock.key());
                removed++;
            }
        }
        return removed;
    }

    /** Every readable lock object; an unreadable one (being written, damaged) is ignored after a warning. */
    public List<HeldLock> list() throws IOException {
        List<HeldLock> locks = new ArrayList<>();
        for (ObjectInfo info : store.list(RepositoryLayout.lockPrefix())) {
            try (InputStream in = store.get(info.key())) {
                locks.add(new HeldLock(info.key(), RepositoryJson.mapper().readValue(in, LockRecord.class)));
            } catch (ObjectNotFoundException e) {
                // released between list and get
            } catch (JacksonException e) {
                log.warn("ignoring unreadable lock object {}: {}", info.key(), e.getOriginalMessage());
            }
        }
        return locks;
    }

    /**
     * Whether {@code record} no longer protects anything: not refreshed for the stale-after time, or
     * taken on this machine by a process that is gone (killed before it could release it; see
     * {@link LockHolders}).
     */
    public boolean isStale(LockRecord record) {
        return record.refreshedAt() == null || record.refreshedAt().plus(timings.staleAfter()).isBefore(clock.instant())
                || LockHolders.isDead(record);
    }

    private Optional<HeldLock> liveOtherThan(Lease own, LockKind kind) throws IOException {
        return list().stream().filter(l -> !l.key().equals(own.key()) && l.record().kind() == kind && !isStale(l.record()))
                .findFirst();
    }

    private Lease write(LockKind kind, String purpose) throws IOException {
        Instant now = clock.instant();
        LockRecord record = new LockRecord(kind, purpose, hostname(), ProcessHandle.current().pid(), now, now,
                LockHolders.instance(), LockHolders.startedAt());
        String key = RepositoryLayout.lockKey(kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID());
        store.put(key, RepositoryJson.mapper().writeValueAsBytes(record));
        Lease lease = new Lease(store, key, record, clock, timings);
        lease.startHeartbeat();
        return lease;
    }

    private void sleep() throws IOException {
        try {
            Thread.sleep(timings.pollEvery().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a repository lock");
        }
    }

    private static PromdrException locked(HeldLock other) {
        return new PromdrException(ErrorCode.REPOSITORY_LOCKED,
                "the repository is locked by " + other.record().describe(),
                "wait for it to finish; a lock of a crashed process is ignored once it is older than the stale-after time");
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A lock object and its content. */
    public record HeldLock(String key, LockRecord record) {
    }
}
