package io.promdr.schedules;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.promdr.core.testing.Poll;
import io.promdr.schedules.quartz.SchedulerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler on the embedded (H2) job store, one process: runs never overlap, and a firing
 * missed while the scheduler was down runs exactly once at the next start-up.
 */
class ScheduleDaemonIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aRunThatOutlastsItsPeriodIsNeverOverlapped() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        CountDownLatch release = runner.holdNextRun(false);
        ScheduleSpec everySecond = TestSchedules.spec("fast", "* * * * * ?", "backup", "prod");
        ScheduleDaemon daemon = start(List.of(everySecond), runner, Duration.ofSeconds(60));

        assertThat(runner.awaitHeld(30)).as("first run started").isTrue();
        Instant heldSince = Instant.now();
        // Three more firings fall due while the first run goes on...
        Poll.until(TIMEOUT, POLL, () -> Instant.now().isAfter(heldSince.plusSeconds(3)) ? true : null, () -> "clock");
        assertThat(runner.started).as("runs started while the first one is held").hasSize(1);
        release.countDown();
        // ...and run after it, one at a time.
        Poll.until(TIMEOUT, POLL, () -> runner.completed.size() >= 5 ? true : null, () -> "runs: " + runner.completed.keySet());
        assertThat(runner.maxRunning.get()).isEqualTo(1);
        assertThat(runner.completed.values()).allSatisfy(instances -> assertThat(instances).hasSize(1));
        assertThat(daemon.metrics().successes("fast")).isGreaterThanOrEqualTo(5);
        assertThat(log).anyMatch(l -> l.startsWith("schedule fast: backup of prod succeeded in "));
    }

    @Test
    void aFiringMissedWhileDownRunsOnceAtStartUp() throws Exception {
        // A cron expression that fires once only: a given second of a given year (Quartz form), 3 s from now.
        ZonedDateTime due = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        String once = "%d %d %d %d %d ? %d".formatted(due.getSecond(), due.getMinute(), due.getHour(), due.getDayOfMonth(),
                due.getMonthValue(), due.getYear());
        ScheduleSpec spec = TestSchedules.spec("once", once, "backup", "prod");
        RecordingRunner runner = new RecordingRunner();

        ScheduleDaemon first = start(List.of(spec), runner, Duration.ofSeconds(1));
        assertThat(first.nextFireTimes()).containsEntry("once", due.toInstant());
        first.stop();
        // Down past the firing and the misfire threshold (1 s here): the firing is missed.
        Poll.until(TIMEOUT, POLL, () -> Instant.now().isAfter(due.toInstant().plusSeconds(2)) ? true : null, () -> "clock");
        assertThat(runner.started).isEmpty();

        Instant restart = Instant.now();
        ScheduleDaemon second = start(List.of(spec), runner, Duration.ofSeconds(1));
        Poll.until(TIMEOUT, POLL, () -> runner.completed.isEmpty() ? null : true, () -> "the missed firing never ran");
        Poll.until(TIMEOUT, POLL, () -> second.nextFireTimes().isEmpty() ? true : null, () -> "trigger still pending");
        assertThat(runner.started).hasSize(1);
        // The misfire rule moved the firing to "now": it ran after the restart, not at its original time.
        assertThat(runner.started.get(0).scheduledAt()).isAfter(due.toInstant());
        assertThat(runner.started.get(0).firedAt()).isAfterOrEqualTo(restart.truncatedTo(ChronoUnit.MILLIS));
        assertThat(second.metrics().successes("once")).isEqualTo(1);
    }

    private ScheduleDaemon start(List<ScheduleSpec> schedules, ScheduledRunner runner, Duration misfireThreshold) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        toClose.add(dataSource);
        ScheduleDaemon daemon = ScheduleDaemon.start(schedules, runner,
                new SchedulerOptions(dataSource, false, "test-" + toClose.size(), 2, misfireThreshold,
                        SchedulerOptions.DEFAULT_CLUSTER_CHECKIN), null, ScheduleDaemon.RunLog.to(log::add));
        toClose.add(daemon);
        return daemon;
    }
}
