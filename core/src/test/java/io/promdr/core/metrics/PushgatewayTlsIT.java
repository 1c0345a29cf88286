package io.promdr.core.metrics;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.testing.PushgatewayServer;
import io.promdr.core.testing.TestCertificates;
import io.promdr.core.tls.TlsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pushes to a real Pushgateway serving https with a test CA's certificate ({@code metrics.pushgateway.caFile}). */
class PushgatewayTlsIT {
    private static final BackupMetrics METRICS = new BackupMetrics("prod", Instant.parse("2026-11-25T18:02:51Z"), true,
            Duration.ofSeconds(2), 100, 1000, 3, 1, 9000, Instant.parse("2026-11-25T17:02:51Z").toEpochMilli());

    @TempDir
    static Path shared;

    static TestCertificates certs;
    static PushgatewayServer gateway;

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(shared.resolve("tls"));
        gateway = PushgatewayServer.startWithTls(certs);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theCaFileIsTrusted() {
        assertThat(gateway.url().getScheme()).isEqualTo("https");
        JobMetricsPublisher.of(settings("promdr-tls", new TlsOptions(certs.caFile(), false, PushgatewaySettings.TLS_KEY)))
                .backupFinished(METRICS);
        assertThat(gateway.families("promdr_backup_success")).contains("job=\"promdr-tls\"");
    }

    @Test
    void withoutTheCaThePushFailsWithTheCaFileHint() {
        JobMetricsPublisher publisher = JobMetricsPublisher.of(settings("promdr-untrusted", TlsOptions.defaults(PushgatewaySettings.TLS_KEY)));
        assertThatThrownBy(() -> publisher.backupFinished(METRICS)).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PUSHGATEWAY_UNREACHABLE);
            assertThat(e.getMessage()).endsWith("TLS failed, the server's certificate is not signed by a trusted CA");
            assertThat(e.hint()).startsWith("set metrics.pushgateway.caFile");
        });
    }

    @Test
    void insecureSkipVerifyPushesAnyway() {
        JobMetricsPublisher.of(settings("promdr-insecure", new TlsOptions(null, true, PushgatewaySettings.TLS_KEY)))
                .backupFinished(METRICS);
        assertThat(gateway.families("promdr_backup_success")).contains("job=\"promdr-insecure\"");
    }

    private static PushgatewaySettings settings(String job, TlsOptions tls) {
        return new PushgatewaySettings(gateway.url(), job, Map.of(), null, null, Duration.ofSeconds(10), tls);
    }
}
