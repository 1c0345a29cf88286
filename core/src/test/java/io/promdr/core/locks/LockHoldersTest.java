package io.promdr.core.locks;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.RepositoryJson;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lock of a killed process on this machine stops counting at once; anywhere else it waits to go stale. */
class LockHoldersTest {
    private static final LockTimings TIMINGS = new LockTimings(Duration.ofMinutes(30), null, Duration.ZERO);
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RepositoryLocks locks = new RepositoryLocks(store, Clock.systemUTC(), TIMINGS);

    @Test
    void thisMachineKnowsItsInstance() {
        assertThat(LockHolders.instance()).as("boot id and PID namespace from /proc (Linux)").isNotBlank();
        assertThat(LockHolders.startedAt()).isNotNull();
    }

    @Test
    void aLiveHolderIsAliveAndAnExitedOneIsDead() throws Exception {
        assertThat(LockHolders.isDead(record(ProcessHandle.current().pid(), LockHolders.instance(), LockHolders.startedAt())))
                .isFalse();
        Exited exited = exitedProcess();
        Instant started = exited.started();
        assertThat(LockHolders.isDead(record(exited.pid(), LockHolders.instance(), started))).isTrue();
        // Same pid alive but started at another time: the pid was reused by another process.
        assertThat(LockHolders.isDead(record(ProcessHandle.current().pid(), LockHolders.instance(), Instant.EPOCH))).isTrue();
    }

    @Test
    void nothingIsConcludedAboutOtherMachinesContainersOrOldLocks() throws Exception {
        Exited exited = exitedProcess();
        Instant started = exited.started();
        assertThat(LockHolders.isDead(record(exited.pid(), "another-boot-id pid:[1]", started))).isFalse();
        assertThat(LockHolders.isDead(record(exited.pid(), null, null))).isFalse();
    }

    @Test
    void theExclusiveLockOfAKilledPruneDoesNotBlockTheNextOne() throws Exception {
        Exited exited = exitedProcess();
        Instant started = exited.started();
        Instant now = Instant.now();
        store.put(RepositoryLayout.lockKey("exclusive-dead"), RepositoryJson.mapper().writeValueAsBytes(
                new LockRecord(LockKind.EXCLUSIVE, "killed prune", "this-host", exited.pid(), now, now, LockHolders.instance(), started)));
        store.put(RepositoryLayout.lockKey("exclusive-elsewhere"), RepositoryJson.mapper().writeValueAsBytes(
                new LockRecord(LockKind.EXCLUSIVE, "prune elsewhere", "other-host", exited.pid(), now, now, "other pid:[2]", started)));

        assertThatThrownBy(() -> locks.acquireExclusive("next prune"))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REPOSITORY_LOCKED);
                    assertThat(e.getMessage()).contains("prune elsewhere").doesNotContain("killed prune");
                });
        store.delete(RepositoryLayout.lockKey("exclusive-elsewhere"));
        try (Lease lease = locks.acquireExclusive("next prune")) {
            assertThat(locks.removeStale()).isEqualTo(1);
            assertThat(locks.list()).extracting(l -> l.record().purpose()).containsExactly("next prune");
            assertThat(lease.record().instance()).isEqualTo(LockHolders.instance());
        }
    }

    /** A child that ran and exited; its start time is read while it runs (the JVM forgets it after). */
    private static Exited exitedProcess() throws Exception {
        Process cat = new ProcessBuilder("cat").start();
        Instant started = cat.info().startInstant().orElseThrow();
        cat.getOutputStream().close();
        cat.waitFor();
        return new Exited(cat.pid(), started);
    }

    private record Exited(long pid, Instant started) {
    }

    @Test
    void aProcMountedWithHidepidHidesOtherUsersProcessesSoNothingIsConcluded() {
        assertThat(LockHolders.hidesProcesses(List.of("22 27 0:21 / /proc rw,relatime - proc proc rw"))).isFalse();
        assertThat(LockHolders.hidesProcesses(List.of("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=0"))).isFalse();
        assertThat(LockHolders.hidesProcesses(List.of("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=2"))).isTrue();
        assertThat(LockHolders.hidesProcesses(List.of("22 27 0:21 / /proc rw shared:5 - proc proc rw,hidepid=invisible"))).isTrue();
        assertThat(LockHolders.hidesProcesses(List.of("30 27 0:30 / /sys rw - sysfs sysfs rw"))).as("no /proc").isTrue();
        assertThat(LockHolders.hidesProcesses(List.of())).isTrue();
    }

    private static LockRecord record(long pid, String instance, Instant startedAt) {
        Instant now = Instant.now();
        return new LockRecord(LockKind.SHARED, "backup", "host", pid, now, now, instance, startedAt);
    }
}
