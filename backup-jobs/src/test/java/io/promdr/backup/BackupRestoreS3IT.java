package io.promdr.backup;

import io.promdr.core.repo.Repository;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TsdbTestData;
import io.promdr.restore.RestoreJobConfiguration;
import io.promdr.restore.RestoreRequest;
import io.promdr.restore.RestoreResult;
import io.promdr.restore.RestoreService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way: a real Prometheus holding generated blocks, backed up to S3 (S3Proxy), restored
 * into an empty directory, and served again by a second Prometheus. (Head blocks are covered by
 * {@link BackupHeadBlockIT}; waiting for a first self-scrape would triple this test's time.)
 */
@SpringJUnitConfig({BatchTestConfiguration.class, BackupJobConfiguration.class, RestoreJobConfiguration.class})
class BackupRestoreS3IT {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    Path tmp;

    @Autowired
    BackupService backupService;
    @Autowired
    RestoreService restoreService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    @Test
    void aBackupOnS3RestoresToADataDirectoryPrometheusServesAgain() throws Exception {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("generated"), 20, 4, 15);
        PrometheusServer.backfill(data.blockDirs(), tmp.resolve("data"));
        String uri = S3ProxyServer.repositoryUri(S3.newBucket(), "prod/prometheus");
        Repository.init(ObjectStores.open(uri, S3.settings()), "test");
        // As the CLI does: every open is a new store (and S3 client) that the job closes after use.
        repositories.use(() -> Repository.open(ObjectStores.open(uri, S3.settings())));

        BackupResult backup;
        try (PrometheusServer prometheus = PrometheusServer.start(tmp.resolve("data"))) {
            backup = backupService.backup(new BackupRequest("k8s", prometheus.baseUrl(), prometheus.dataDir(), 3));
        }
        assertThat(backup.manifest().blocks()).hasSize(data.blockDirs().size());

        Path restored = tmp.resolve("restored");
        RestoreResult restore = restoreService.restore(
                new RestoreRequest(backup.manifest().backupId(), "k8s", restored, null, null, false, false, false));

        assertThat(restore.blocksRestored()).isEqualTo(backup.manifest().blocks().size());
        assertThat(restore.bytesDownloaded()).isEqualTo(backup.manifest().totalStoredSize());
        for (Path block : data.blockDirs()) {
            assertThat(fileHashes(restored.resolve(block.getFileName().toString()))).isEqualTo(fileHashes(block));
        }
        try (PrometheusServer again = PrometheusServer.start(restored)) {
            double samples = again.queryValue("sum(count_over_time(" + TsdbTestData.METRIC + "[5h]))", data.endEpochSec());
            assertThat((long) samples).isEqualTo(data.samplesTotal());
            assertThat(again.queryValue("max(" + TsdbTestData.METRIC + ")", data.lastTsMs() / 1000))
                    .isEqualTo(TsdbTestData.valueOf(data.series(), data.samplesPerSeries() - 1));
        }
    }

    private static Map<String, String> fileHashes(Path dir) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(dir.relativize(file).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return hashes;
    }
}
