package io.promdr.backup;

import io.promdr.core.model.BackupId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BackupJobParametersTest {

    @Test
    void theUrlLosesCredentialsQueryAndFragmentButKeepsItsPath() {
        assertThat(BackupJobParameters.withoutCredentials(URI.create("https://user:p%40ss@prom.example:9443/prometheus?token=x#f")))
                .isEqualTo(URI.create("https://prom.example:9443/prometheus"));
        assertThat(BackupJobParameters.withoutCredentials(URI.create("http://127.0.0.1:9090")))
                .isEqualTo(URI.create("http://127.0.0.1:9090"));
    }

    @Test
    void parametersSurviveTheJobRepository() {
        Instant startedAt = Instant.parse("2026-11-25T17:38:24.123Z");
        BackupJobParameters parameters = BackupJobParameters.of(
                new BackupRequest("prod", URI.create("http://u:secret@prom:9090"), Path.of("/var/lib/prometheus/metrics2"), 7),
                BackupId.newId(startedAt), startedAt);

        BackupJobParameters read = BackupJobParameters.from(parameters.toJobParameters());

        assertThat(read).isEqualTo(parameters);
        assertThat(read.prometheusUrl()).isEqualTo(URI.create("http://prom:9090"));
        assertThat(parameters.toJobParameters().toString()).doesNotContain("secret");
    }
}
