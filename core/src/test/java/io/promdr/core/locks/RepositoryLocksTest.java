package io.promdr.core.locks;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.store.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryLocksTest {
    private static final LockTimings TIMINGS = new LockTimings(Duration.ofMinutes(30), null, Duration.ZERO);
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final RepositoryLocks locks = new RepositoryLocks(store, clock, TIMINGS);

    @Test
    void aSecondExclusiveLockIsRefusedAndLeavesNothingBehind() throws IOException {
        Lease first = locks.acquireExclusive("prune one");

        assertThatThrownBy(() -> locks.acquireExclusive("prune two"))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REPOSITORY_LOCKED);
                    assertThat(e.getMessage()).contains("prune one");
                });
        assertThat(locks.list()).extracting(RepositoryLocks.HeldLock::key).containsExactly(first.key());

        first.close();
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void sharedLocksCoexistAndSeeTheExclusiveOne() throws IOException {
        Lease prune = locks.acquireExclusive("prune");
        Lease backup = locks.beginShared("backup a");

        assertThat(locks.exclusiveOtherThan(backup)).map(l -> l.record().purpose()).contains("prune");
        assertThat(locks.liveShared(prune)).extracting(l -> l.record().purpose()).containsExactly("backup a");
        assertThatThrownBy(() -> locks.tryAcquireShared("backup b"))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REPOSITORY_LOCKED));

        prune.close();
        assertThat(locks.exclusiveOtherThan(backup)).isEmpty();
        Lease other = locks.acquireShared("backup c");
        assertThat(locks.list()).hasSize(2);
        other.close();
        backup.close();
    }

    @Test
    void aLockNotRefreshedForStaleAfterIsIgnoredAndRemoved() throws IOException {
        Lease crashed = locks.acquireExclusive("crashed prune");
        crashed.abandon();
        clock.advance(Duration.ofMinutes(29));
        assertThat(locks.liveExclusive()).isPresent();

        clock.advance(Duration.ofMinutes(2));
        assertThat(locks.liveExclusive()).isEmpty();
        Lease next = locks.acquireExclusive("next prune");
        assertThat(locks.removeStale()).isEqualTo(1);
        assertThat(locks.list()).extracting(RepositoryLocks.HeldLock::key).containsExactly(next.key());
    }

    @Test
    void aHolderThatMissedItsRefreshesForHalfTheStaleTimeHasLostItsLockForGood() throws IOException {
        Lease lease = locks.acquireExclusive("prune");
        clock.advance(Duration.ofMinutes(14));
        lease.refresh();
        clock.advance(Duration.ofMinutes(14));
        lease.requireHeld("deleting");

        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> lease.requireHeld("deleting x"))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOCK_LOST);
                    assertThat(e.getMessage()).contains("stopped before deleting x");
                });
        // Refreshing late does not give the protection back: a prune may have ignored the lock meanwhile.
        lease.refresh();
        assertThatThrownBy(() -> lease.requireHeld("deleting y")).isInstanceOf(PromdrException.class);
    }

    @Test
    void aLateRefreshAloneMarksTheLeaseLost() throws IOException {
        Lease lease = locks.beginShared("backup");
        clock.advance(Duration.ofMinutes(16));
        lease.refresh();

        assertThatThrownBy(() -> lease.requireHeld("committing")).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_LOST));
    }

    @Test
    void theHeartbeatRewritesTheLock() throws Exception {
        RepositoryLocks beating = new RepositoryLocks(store, Clock.systemUTC(),
                new LockTimings(Duration.ofMinutes(30), Duration.ofMillis(20), Duration.ZERO));
        try (Lease lease = beating.acquireExclusive("prune")) {
            Instant first = lease.record().refreshedAt();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!lease.record().refreshedAt().isAfter(first) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(beating.list().get(0).record().refreshedAt()).isAfter(first);
        }
        assertThat(store.list("")).isEmpty();
    }

    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
