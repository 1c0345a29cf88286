package io.promdr.cli.doctor;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.RepositoryConfig;
import io.promdr.cli.config.Settings;
import io.promdr.cli.config.SettingsResolver;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.FileSystemObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The doctor run itself, on a file repository, with a clock that lies: skew, ordering and skipping. */
class DoctorTest {
    @TempDir
    Path dir;

    @Test
    void skewIsZeroWithinTheRoundTripAndTheStoreResolution() {
        Instant sent = Instant.parse("2026-12-01T10:00:00.500Z");
        Instant answered = sent.plusMillis(200);
        assertThat(ClockSkewCheck.skew(timing(sent, answered, Instant.parse("2026-12-01T10:00:00Z")))).isZero();
        assertThat(ClockSkewCheck.skew(timing(sent, answered, Instant.parse("2026-12-01T10:00:01Z")))).isZero();
        assertThat(ClockSkewCheck.skew(timing(sent, answered, Instant.parse("2026-12-01T10:01:01.700Z"))))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(ClockSkewCheck.skew(timing(sent, answered, Instant.parse("2026-12-01T09:58:59.500Z"))))
                .isEqualTo(Duration.ofSeconds(-60));
    }

    @Test
    void aClockTwoMinutesOffIsAWarningAndAnHourOffFails() throws Exception {
        Path repo = initialisedRepository();
        assertThat(clockCheck(repo, Duration.ofMinutes(2)).status()).isEqualTo(CheckStatus.warning);
        CheckResult hourAhead = clockCheck(repo, Duration.ofHours(1));
        assertThat(hourAhead.status()).isEqualTo(CheckStatus.failed);
        assertThat(hourAhead.detail()).startsWith("the object store's clock is behind this host's by about 3");
        assertThat(hourAhead.hint()).contains("NTP");
        assertThat(clockCheck(repo, Duration.ZERO).status()).isEqualTo(CheckStatus.ok);
        // Every probe was removed again.
        try (var files = Files.list(repo)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("repository.json");
        }
    }

    @Test
    void aFailedCheckSkipsTheChecksThatNeedIt() throws Exception {
        Settings settings = settings(dir.resolve("missing-repo"));
        DoctorReport report = Doctor.standard(Clock.systemUTC()).run(source -> settings);
        assertThat(report.checks()).extracting(CheckResult::name).startsWith("config", "repository",
                "repository.writable", "repository.clock");
        assertThat(report.checks()).filteredOn(c -> c.name().startsWith("repository."))
                .extracting(CheckResult::status).containsOnly(CheckStatus.skipped);
        assertThat(report.passed()).isFalse();
        // No Prometheus configured: the per-source checks fail with what to set, none throws.
        assertThat(report.checks()).filteredOn(c -> c.name().equals("prometheus.reachable"))
                .singleElement().satisfies(c -> assertThat(c.hint()).contains("--prometheus"));
    }

    private CheckResult clockCheck(Path repo, Duration hostAhead) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(), hostAhead);
        Doctor doctor = new Doctor(List.of(new ConfigCheck(), new RepositoryCheck(), new RepositoryWritableCheck(),
                new ClockSkewCheck()), List.of(), List.of(), clock);
        DoctorReport report = doctor.run(source -> settings(repo));
        return report.checks().get(3);
    }

    private Path initialisedRepository() throws Exception {
        Path repo = dir.resolve("repo");
        try (FileSystemObjectStore store = new FileSystemObjectStore(repo)) {
            Repository.init(store, "test");
        }
        return repo;
    }

    private static Settings settings(Path repo) {
        return SettingsResolver.resolve(null, new PromdrConfig(new RepositoryConfig(repo.toUri().toString(), null), null,
                null, null, null, null, null, null), Map.of("HOME", "/nonexistent"));
    }

    private static DoctorContext.ProbeTiming timing(Instant sent, Instant answered, Instant stored) {
        return new DoctorContext.ProbeTiming(sent, answered, stored);
    }
}
