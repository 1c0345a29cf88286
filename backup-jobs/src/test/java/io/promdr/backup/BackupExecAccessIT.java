package io.promdr.backup;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.exec.ExecSnapshotAccess;
import io.promdr.core.k8s.exec.LocalProcessExec;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exec access mode end to end on a real Prometheus: the snapshot is read with real tar
 * through {@link ExecSnapshotAccess} (here over local processes instead of the Kubernetes exec
 * websocket) and must give exactly the backup the local file-system access gives: same blocks,
 * same objects byte for byte, every file's SHA-256 that of the block on disk; and the snapshot
 * directory is removed through exec, also when the backup fails.
 */
@SpringJUnitConfig({BatchTestConfiguration.class, BackupJobConfiguration.class})
class BackupExecAccessIT {
    @TempDir
    static Path tmp;
    static TsdbTestData.Expected data;
    static PrometheusServer prometheus;

    @Autowired
    BackupService backupService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    @BeforeAll
    static void startPrometheus() {
        data = TsdbTestData.generate(tmp.resolve("generated"), 20, 4, 15);
        PrometheusServer.backfill(data.blockDirs(), tmp.resolve("data"));
        prometheus = PrometheusServer.start(tmp.resolve("data"));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void aBackupStreamedWithTarEqualsTheLocalOneByteForByte() throws Exception {
        InMemoryObjectStore viaExec = newRepository();
        BackupResult exec = backupService.backup(request(), new ExecSnapshotAccess(new LocalProcessExec(),
                prometheus.dataDir().toString()));
        assertThat(snapshots()).isEmpty();

        InMemoryObjectStore viaDisk = newRepository();
        BackupResult local = backupService.backup(request());

        assertThat(exec.manifest().blocks()).isEqualTo(local.manifest().blocks());
        assertThat(exec.blocksUploaded()).isEqualTo(data.blockDirs().size());
        for (BlockRecord block : exec.manifest().blocks()) {
            assertThat(viaExec.bytes(block.object().key())).isEqualTo(viaDisk.bytes(block.object().key()));
            Path onDisk = prometheus.dataDir().resolve(block.ulid());
            for (FileRecord file : block.files()) {
                assertThat(Files.size(onDisk.resolve(file.path()))).isEqualTo(file.size());
            }
        }
        assertThat(exec.manifest().totalSamples()).isEqualTo(data.samplesTotal());

        // A second backup through exec reuses every block: nothing but the manifest is uploaded.
        use(viaExec);
        BackupResult again = backupService.backup(request(), new ExecSnapshotAccess(new LocalProcessExec(),
                prometheus.dataDir().toString()));
        assertThat(again.blocksUploaded()).isZero();
        assertThat(again.blocksReused()).isEqualTo(data.blockDirs().size());
        assertThat(snapshots()).isEmpty();
    }

    @Test
    void withoutTarInTheContainerNothingIsSnapshotted() throws IOException {
        newRepository();
        Path emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
        ExecSnapshotAccess noTar = new ExecSnapshotAccess(new LocalProcessExec(Map.of("PATH", emptyBin.toString())),
                prometheus.dataDir().toString());

        assertThatThrownBy(() -> backupService.backup(request(), noTar))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_EXEC_FAILED);
                    assertThat(e.getMessage()).isEqualTo("no tar in local process");
                });
        assertThat(snapshots()).isEmpty();
    }

    @Test
    void aTarThatFailsMidwayFailsTheBackupAndTheSnapshotIsStillRemoved() throws IOException {
        InMemoryObjectStore store = newRepository();
        // tar is found by the check, but every tar run fails: the snapshot exists by then and must go.
        Path fakeBin = Files.createDirectories(tmp.resolve("failing-bin"));
        Path tar = fakeBin.resolve("tar");
        Files.writeString(tar, "#!/bin/sh\necho 'tar: ./01XYZ/index: Cannot open: Permission denied' >&2\nexit 2\n");
        tar.toFile().setExecutable(true);
        ExecSnapshotAccess failing = new ExecSnapshotAccess(
                new LocalProcessExec(Map.of("PATH", fakeBin + ":/usr/bin:/bin")), prometheus.dataDir().toString());

        assertThatThrownBy(() -> backupService.backup(request(), failing))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_EXEC_FAILED);
                    assertThat(e.getMessage()).contains("Permission denied");
                    assertThat(e.hint()).contains("securityContext");
                });
        assertThat(store.list(RepositoryLayout.BACKUPS)).isEmpty();
        assertThat(snapshots()).isEmpty();
    }

    private BackupRequest request() {
        return new BackupRequest("default", prometheus.baseUrl(), prometheus.dataDir(), 3);
    }

    private InMemoryObjectStore newRepository() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore();
        Repository.init(store, "test");
        use(store);
        return store;
    }

    private void use(InMemoryObjectStore store) {
        repositories.use(() -> Repository.open(store));
    }

    private static java.util.List<Path> snapshots() throws IOException {
        Path dir = prometheus.dataDir().resolve("snapshots");
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }
}
