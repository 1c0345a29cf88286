package io.promdr.schedules;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.promdr.core.testing.Poll;
import io.promdr.schedules.quartz.SchedulerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two scheduler replicas on the real PostgreSQL (scripts/setup.sh), each with its own connection
 * pool as two processes would have, sharing one schema: a schedule firing every second runs each
 * firing exactly once, while one replica stops gracefully mid-run, and when one dies mid-run (its
 * run is taken over by the other).
 *
 * <p>Needs PROMDR_TEST_PG_URL, PROMDR_TEST_PG_USER and PROMDR_TEST_PG_PASSWORD (scripts/test.sh
 * sets them); fails without them, never skips.
 */
class ClusteredSchedulersIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final ScheduleSpec EVERY_SECOND = TestSchedules.spec("every-second", "* * * * * ?", "backup", "prod");

    private String baseUrl;
    private String user;
    private String password;
    private String schema;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createSchema() throws SQLException {
        baseUrl = required("PROMDR_TEST_PG_URL");
        user = required("PROMDR_TEST_PG_USER");
        password = required("PROMDR_TEST_PG_PASSWORD");
        schema = "promdr_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void eachFiringRunsOnceWhileAReplicaStopsMidRun() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        ScheduleDaemon a = start("replica-a", runner);
        ScheduleDaemon b = start("replica-b", runner);
        Poll.until(TIMEOUT, POLL, () -> runner.completed.size() >= 6 ? true : null, () -> "firings: " + runner.completed);

        // Stop one replica while it runs the schedule: it finishes that run, then leaves the rest to the other.
        CountDownLatch release = runner.holdNextRun(false);
        assertThat(runner.awaitHeld(30)).isTrue();
        Firing held = runner.started.get(runner.started.size() - 1);
        ScheduleDaemon holder = held.instanceId().equals(a.instanceId()) ? a : b;
        ScheduleDaemon other = holder == a ? b : a;
        Thread stopper = new Thread(holder::stop, "stopper");
        stopper.start();
        release.countDown();
        stopper.join(TIMEOUT.toMillis());
        assertThat(stopper.isAlive()).as("graceful stop ended").isFalse();
        assertThat(runner.completed).containsKey(held.scheduledAt());

        int before = runner.completed.size();
        Poll.until(TIMEOUT, POLL, () -> runner.completed.size() >= before + 5 ? true : null, () -> "firings: " + runner.completed);
        other.stop();

        assertEachFiringOnce(runner);
        assertThat(runner.completed.get(held.scheduledAt())).containsExactly(holder.instanceId());
        assertThat(runner.maxRunning.get()).isEqualTo(1);
    }

    @Test
    void aReplicaThatDiesMidRunIsTakenOver() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        ScheduleDaemon a = start("replica-a", runner);
        ScheduleDaemon b = start("replica-b", runner);
        Poll.until(TIMEOUT, POLL, () -> runner.completed.size() >= 3 ? true : null, () -> "firings: " + runner.completed);

        CountDownLatch release = runner.holdNextRun(true);
        assertThat(runner.awaitHeld(30)).isTrue();
        Firing lost = runner.started.get(runner.started.size() - 1);
        ScheduleDaemon dying = lost.instanceId().equals(a.instanceId()) ? a : b;
        ScheduleDaemon survivor = dying == a ? b : a;
        dying.crashForTest();

        // The survivor notices the silent replica and runs the lost firing again, as a recovery.
        Poll.until(TIMEOUT, POLL, () -> runner.completed.containsKey(lost.scheduledAt()) ? true : null,
                () -> "lost firing " + lost.scheduledAt() + " not taken over; log: " + log);
        assertThat(runner.started).anySatisfy(f -> {
            assertThat(f.recovering()).isTrue();
            assertThat(f.scheduledAt()).isEqualTo(lost.scheduledAt());
            assertThat(f.instanceId()).isEqualTo(survivor.instanceId());
        });
        int before = runner.completed.size();
        Poll.until(TIMEOUT, POLL, () -> runner.completed.size() >= before + 3 ? true : null, () -> "firings: " + runner.completed);
        survivor.stop();
        release.countDown();

        assertThat(runner.completed.values()).allSatisfy(instances -> assertThat(instances).hasSize(1));
        assertThat(runner.completed.get(lost.scheduledAt())).containsExactly(survivor.instanceId());
    }

    /** No firing ran twice, and none between the first and the last was skipped. */
    private static void assertEachFiringOnce(RecordingRunner runner) {
        assertThat(runner.completed.values()).allSatisfy(instances -> assertThat(instances).hasSize(1));
        TreeSet<Instant> due = new TreeSet<>(runner.completed.keySet());
        for (Instant t = due.first(); t.isBefore(due.last()); t = t.plusSeconds(1)) {
            assertThat(due).as("firing due at " + t).contains(t);
        }
    }

    private ScheduleDaemon start(String instanceId, ScheduledRunner runner) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        toClose.add(dataSource);
        ScheduleDaemon daemon = ScheduleDaemon.start(List.of(EVERY_SECOND), runner,
                new SchedulerOptions(dataSource, true, instanceId, 2, SchedulerOptions.DEFAULT_MISFIRE_THRESHOLD,
                        Duration.ofMillis(500)), null, ScheduleDaemon.RunLog.to(line -> log.add(instanceId + ": " + line)));
        toClose.add(daemon);
        return daemon;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError(name + " is not set: this test needs the PostgreSQL that scripts/setup.sh starts. "
                    + "Run scripts/test.sh, or export PROMDR_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/promdr_test "
                    + "PROMDR_TEST_PG_USER=promdr PROMDR_TEST_PG_PASSWORD=promdr-test-password");
        }
        return value;
    }
}
