package io.promdr.backup;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.archive.BlockContentHash;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backup job against a real Prometheus holding promtool-generated blocks, no scraping (so no head block). */
@SpringJUnitConfig({BatchTestConfiguration.class, BackupJobConfiguration.class})
class BackupJobIT {
    @TempDir
    static Path tmp;
    static TsdbTestData.Expected data;
    static PrometheusServer prometheus;

    @Autowired
    BackupService backupService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;
    @Autowired
    DataSource dataSource;

    InMemoryObjectStore store;
    int keysBefore;

    @BeforeAll
    static void startPrometheus() {
        // 4 hours = two 2h blocks: too few for Prometheus to compact, so the block set stays fixed.
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

    @BeforeEach
    void newRepository() throws IOException {
        store = new InMemoryObjectStore();
        Repository.init(store, "test");
        use(store);
        keysBefore = store.committedKeys().size();
    }

    @Test
    void firstBackupUploadsEveryBlockThenTheManifestAndASecondOneOnlyItsManifest() throws Exception {
        BackupResult first = backupService.backup(request(prometheus.baseUrl()));

        Manifest manifest = first.manifest();
        String manifestKey = Repository.manifestKeyOf(manifest);
        assertThat(newKeys()).containsExactlyInAnyOrderElementsOf(concat(expectedBlockKeys(), manifestKey));
        assertThat(newKeys()).last().isEqualTo(manifestKey);
        assertThat(first.blocksUploaded()).isEqualTo(data.blockDirs().size());
        assertThat(first.blocksReused()).isZero();
        assertThat(first.bytesUploaded()).isEqualTo(manifest.totalStoredSize()).isPositive();
        assertThat(manifest.blocks()).extracting(BlockRecord::ulid).containsExactlyElementsOf(data.ulids());
        assertThat(manifest.totalSamples()).isEqualTo(data.samplesTotal());
        assertThat(manifest.source().name()).isEqualTo("default");
        assertThat(manifest.source().prometheusVersion()).isNotBlank();
        assertThat(manifest.snapshotName()).isNotBlank();
        for (BlockRecord block : manifest.blocks()) {
            assertThat(block.object().sha256()).isEqualTo(sha256(store.bytes(block.object().key())));
            assertThat(block.object().size()).isEqualTo(store.bytes(block.object().key()).length);
        }
        assertThat(Repository.open(store).readManifest(manifestKey)).isEqualTo(manifest);
        assertThat(snapshots()).isEmpty();

        keysBefore = store.committedKeys().size();
        BackupResult second = backupService.backup(request(prometheus.baseUrl()));

        assertThat(newKeys()).containsExactly(Repository.manifestKeyOf(second.manifest()));
        assertThat(second.blocksUploaded()).isZero();
        assertThat(second.blocksReused()).isEqualTo(data.blockDirs().size());
        assertThat(second.bytesUploaded()).isZero();
        assertThat(second.manifest().blocks()).isEqualTo(manifest.blocks());
        assertThat(second.manifest().backupId()).isNotEqualTo(manifest.backupId());
        assertThat(snapshots()).isEmpty();
    }

    @Test
    void aFailedUploadLeavesNoManifestAndNoSnapshot() throws IOException {
        FaultyObjectStore faulty = new FaultyObjectStore(store, 0);
        use(faulty);

        assertThatThrownBy(() -> backupService.backup(request(prometheus.baseUrl())))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.JOB_FAILED))
                .hasMessageContaining("backup");
        assertThat(faulty.faultsInjected()).isPositive();
        assertThat(store.list(RepositoryLayout.BACKUPS)).isEmpty();
        assertThat(newKeys()).isEmpty();
        assertThat(snapshots()).isEmpty();
    }

    @Test
    void aRerunAfterAFailureCompletesWithoutUploadingAnythingTwice() throws Exception {
        FaultyObjectStore faulty = new FaultyObjectStore(store, 1);
        use(faulty);
        assertThatThrownBy(() -> backupService.backup(request(prometheus.baseUrl()))).isInstanceOf(PromdrException.class);
        assertThat(faulty.faultsInjected()).isEqualTo(1);
        assertThat(newKeys()).hasSize(1);

        use(store);
        BackupResult rerun = backupService.backup(request(prometheus.baseUrl()));

        String manifestKey = Repository.manifestKeyOf(rerun.manifest());
        assertThat(newKeys()).containsExactlyInAnyOrderElementsOf(concat(expectedBlockKeys(), manifestKey));
        assertThat(rerun.blocksUploaded()).isEqualTo(data.blockDirs().size() - 1);
        assertThat(rerun.blocksReused()).isEqualTo(1);
        for (BlockRecord block : rerun.manifest().blocks()) {
            assertThat(block.object().sha256()).isEqualTo(sha256(store.bytes(block.object().key())));
        }
        assertThat(snapshots()).isEmpty();
    }

    @Test
    void aMissingDataDirFailsBeforeAnySnapshotIsTaken() throws IOException {
        Path missing = tmp.resolve("no-such-dir");
        long snapshotsBefore = snapshotCountOnPrometheus();

        assertThatThrownBy(() -> backupService.backup(request(prometheus.baseUrl(), missing)))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID);
                    assertThat(e.getMessage()).isEqualTo("data directory " + missing + " does not exist");
                    assertThat(e.hint()).contains("--storage.tsdb.path");
                });
        assertThat(snapshotCountOnPrometheus()).isEqualTo(snapshotsBefore);
        assertThat(newKeys()).isEmpty();
        assertThat(store.list(RepositoryLayout.LOCKS)).as("the backup's lock is released after a failure").isEmpty();
    }

    @Test
    void aDirectoryWithoutWalIsRefusedBeforeAnySnapshotIsTaken() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("not-a-tsdb"));
        long snapshotsBefore = snapshotCountOnPrometheus();

        assertThatThrownBy(() -> backupService.backup(request(prometheus.baseUrl(), elsewhere)))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID);
                    assertThat(e.getMessage()).isEqualTo("data directory " + elsewhere
                            + " does not look like a Prometheus data directory (no wal/)");
                });
        assertThat(snapshotCountOnPrometheus()).isEqualTo(snapshotsBefore);
    }

    @Test
    void anUninitialisedRepositoryFailsBeforeAnySnapshotIsTaken() throws IOException {
        use(new InMemoryObjectStore());
        long snapshotsBefore = snapshotCountOnPrometheus();

        assertThatThrownBy(() -> backupService.backup(request(prometheus.baseUrl())))
                .isInstanceOfSatisfying(PromdrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REPOSITORY_NOT_INITIALISED));
        assertThat(snapshotCountOnPrometheus()).isEqualTo(snapshotsBefore);
    }

    @Test
    void aDataDirThatIsNotPrometheusOnesIsReportedWithTheSnapshotName() throws IOException {
        // Looks like a data directory (it has a WAL) but is not the one this Prometheus writes to.
        Path elsewhere = Files.createDirectories(tmp.resolve("not-the-data-dir/wal")).getParent();

        assertThatThrownBy(() -> backupService.backup(request(prometheus.baseUrl(), elsewhere)))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID);
                    assertThat(e.getMessage()).matches("snapshot \\S+ not found under " + elsewhere.resolve("snapshots"));
                    assertThat(e.hint()).contains("--data-dir must be Prometheus' --storage.tsdb.path");
                });
        assertThat(newKeys()).isEmpty();
        // Prometheus did write that snapshot, into its real data dir, where promdr could not see it.
        try (Stream<Path> leaked = Files.list(tmp.resolve("data/snapshots"))) {
            for (Path dir : leaked.toList()) {
                org.springframework.util.FileSystemUtils.deleteRecursively(dir);
            }
        }
    }

    @Test
    void credentialsInThePrometheusUrlReachNeitherTheJobParametersNorTheManifest() {
        URI withCredentials = URI.create("http://backup-user:s3cr3t-pw@127.0.0.1:" + prometheus.port());

        BackupResult result = backupService.backup(request(withCredentials));

        assertThat(result.manifest().source().prometheusUrl()).isEqualTo("http://127.0.0.1:" + prometheus.port());
        List<String> values = new JdbcTemplate(dataSource).queryForList(
                "select PARAMETER_VALUE from BATCH_JOB_EXECUTION_PARAMS", String.class);
        assertThat(values).isNotEmpty().noneMatch(v -> v != null && (v.contains("s3cr3t") || v.contains("backup-user")));
    }

    private BackupRequest request(URI url) {
        return request(url, prometheus.dataDir());
    }

    private static BackupRequest request(URI url, Path dataDir) {
        return new BackupRequest("default", url, dataDir, 3);
    }

    private void use(ObjectStore objectStore) {
        repositories.use(() -> Repository.open(objectStore));
    }

    /** Keys written since the test began, without the lock objects every backup writes and deletes. */
    private List<String> newKeys() {
        List<String> keys = store.committedKeys();
        return keys.subList(keysBefore, keys.size()).stream().filter(k -> !k.startsWith(RepositoryLayout.LOCKS)).toList();
    }

    private static List<String> expectedBlockKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        for (Path block : data.blockDirs()) {
            String hash = BlockContentHash.of(new BlockArchiver(3).scan(block));
            keys.add(RepositoryLayout.blockObjectKey(block.getFileName().toString(), hash));
        }
        return keys;
    }

    private static List<String> concat(List<String> keys, String last) {
        List<String> all = new ArrayList<>(keys);
        all.add(last);
        return all;
    }

    private static List<Path> snapshots() throws IOException {
        Path dir = prometheus.dataDir().resolve("snapshots");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    private static long snapshotCountOnPrometheus() throws IOException {
        return snapshots().size();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
