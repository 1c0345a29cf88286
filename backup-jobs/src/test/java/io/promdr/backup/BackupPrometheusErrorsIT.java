package io.promdr.backup;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.PrometheusServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prometheus-side failures reach the caller as the PromdrException the admin client raised, and commit nothing. */
@SpringJUnitConfig({BatchTestConfiguration.class, BackupJobConfiguration.class})
class BackupPrometheusErrorsIT {
    @TempDir
    Path tmp;

    @Autowired
    BackupService backupService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    InMemoryObjectStore store;

    @BeforeEach
    void newRepository() throws IOException {
        store = new InMemoryObjectStore();
        Repository.init(store, "test");
        repositories.use(() -> Repository.open(store));
    }

    @Test
    void aDisabledAdminApiIsReportedWithItsFlag() throws IOException {
        try (PrometheusServer prometheus = PrometheusServer.builder(tmp.resolve("data")).adminApi(false).start()) {
            assertThatThrownBy(() -> backupService.backup(new BackupRequest("default", prometheus.baseUrl(), prometheus.dataDir(), 3)))
                    .isInstanceOfSatisfying(PromdrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_ADMIN_API_DISABLED);
                        assertThat(e.hint()).contains("--web.enable-admin-api");
                    });
        }
        assertThat(store.list(RepositoryLayout.BACKUPS)).isEmpty();
    }

    @Test
    void anUnreachablePrometheusIsReported() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort);
        Files.createDirectories(tmp.resolve("wal")); // a data directory that passes the check made before the API call

        assertThatThrownBy(() -> backupService.backup(new BackupRequest("default", url, tmp, 3)))
                .isInstanceOfSatisfying(PromdrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_UNREACHABLE));
        assertThat(store.list(RepositoryLayout.BACKUPS)).isEmpty();
    }

    @Test
    void anInvalidRequestIsAUsageErrorBeforeAnyJobRuns() {
        assertThatThrownBy(() -> backupService.backup(new BackupRequest("Not Valid", URI.create("http://127.0.0.1:9090"), tmp, 3)))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
        assertThatThrownBy(() -> backupService.backup(new BackupRequest("default", URI.create("ftp://h/"), tmp, 3)))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
        assertThatThrownBy(() -> backupService.backup(new BackupRequest("default", URI.create("http://127.0.0.1:9090"), tmp, 0)))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
    }
}
