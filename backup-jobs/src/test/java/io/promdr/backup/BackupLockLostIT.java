package io.promdr.backup;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.locks.LockTimings;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.repo.RepositoryProvider;
import io.promdr.core.store.ForwardingObjectStore;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.store.PendingObject;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real backup job's side of the lock protocol: a backup whose lock could have looked stale to
 * a prune (its process paused for longer than half the stale time while uploading) does not
 * commit, and releases its lock.
 */
@SpringJUnitConfig({BatchTestConfiguration.class, BackupJobConfiguration.class, BackupLockLostIT.PausedClock.class})
class BackupLockLostIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));

    @TempDir
    Path tmp;

    @Autowired
    BackupService backupService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    @Test
    void aBackupPausedPastHalfTheStaleTimeDoesNotCommit() throws Exception {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("generated"), 5, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), tmp.resolve("data"));
        InMemoryObjectStore store = new InMemoryObjectStore();
        Repository.init(store, "test");
        AtomicBoolean paused = new AtomicBoolean();
        // The "pause": the clock jumps 16 minutes (no heartbeat in this test) when the first block is uploaded.
        ForwardingObjectStore pausing = new ForwardingObjectStore(store) {
            @Override
            public PendingObject create(String key) throws IOException {
                if (key.startsWith(RepositoryLayout.BLOCKS) && paused.compareAndSet(false, true)) {
                    CLOCK.advance(Duration.ofMinutes(16));
                }
                return super.create(key);
            }
        };
        repositories.use(() -> Repository.open(pausing));

        try (PrometheusServer prometheus = PrometheusServer.start(tmp.resolve("data"))) {
            assertThatThrownBy(() -> backupService.backup(new BackupRequest("paused", prometheus.baseUrl(),
                    prometheus.dataDir(), 3)))
                    .isInstanceOfSatisfying(PromdrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCK_LOST);
                        assertThat(e.getMessage()).contains("stopped before committing backup");
                    });
            try (var snapshots = Files.list(prometheus.dataDir().resolve("snapshots"))) {
                assertThat(snapshots).as("the snapshot is removed after the failure too").isEmpty();
            }
        }
        assertThat(paused).isTrue();
        assertThat(store.list(RepositoryLayout.BACKUPS)).as("no manifest").isEmpty();
        assertThat(store.list(RepositoryLayout.LOCKS)).as("the lock is released").isEmpty();
    }

    /** The backup's locks on a clock the test moves, without heartbeat. */
    @Configuration(proxyBeanMethods = false)
    static class PausedClock {
        @Bean
        @Primary
        BackupLocks pausedBackupLocks(RepositoryProvider repositories) {
            return new BackupLocks(repositories, CLOCK, new LockTimings(Duration.ofMinutes(30), null, Duration.ZERO));
        }
    }
}
