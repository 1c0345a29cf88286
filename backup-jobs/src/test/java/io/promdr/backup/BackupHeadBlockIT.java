package io.promdr.backup;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Prometheus that scrapes itself has a non-empty head, so every snapshot holds one freshly
 * written head block (new ULID each time): an incremental backup uploads exactly that block.
 */
@SpringJUnitConfig({BatchTestConfiguration.class, BackupJobConfiguration.class})
class BackupHeadBlockIT {
    @TempDir
    Path tmp;

    @Autowired
    BackupService backupService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    @Test
    void anIncrementalBackupUploadsOnlyTheNewHeadBlock() throws Exception {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("generated"), 10, 4, 15);
        PrometheusServer.backfill(data.blockDirs(), tmp.resolve("data"));
        InMemoryObjectStore store = new InMemoryObjectStore();
        Repository.init(store, "test");
        repositories.use(() -> Repository.open(store));

        try (PrometheusServer prometheus = PrometheusServer.builder(tmp.resolve("data")).scrapeSelf(true).start()) {
            prometheus.awaitNonEmpty("up", Duration.ofSeconds(30));
            BackupRequest request = new BackupRequest("head-test", prometheus.baseUrl(), prometheus.dataDir(), 3);

            BackupResult first = backupService.backup(request);
            int before = store.committedKeys().size();
            BackupResult second = backupService.backup(request);

            List<String> firstUlids = first.manifest().blocks().stream().map(BlockRecord::ulid).toList();
            assertThat(firstUlids).containsAll(data.ulids()).hasSize(data.ulids().size() + 1);
            assertThat(first.blocksUploaded()).isEqualTo(data.ulids().size() + 1);

            BlockRecord newHead = second.manifest().blocks().stream()
                    .filter(b -> !data.ulids().contains(b.ulid())).findFirst().orElseThrow();
            assertThat(firstUlids).doesNotContain(newHead.ulid());
            assertThat(second.blocksUploaded()).isEqualTo(1);
            assertThat(second.blocksReused()).isEqualTo(data.ulids().size());
            assertThat(second.bytesUploaded()).isEqualTo(newHead.object().size());
            assertThat(store.committedKeys().subList(before, store.committedKeys().size()).stream()
                    .filter(k -> !k.startsWith(RepositoryLayout.LOCKS)))
                    .containsExactly(newHead.object().key(), Repository.manifestKeyOf(second.manifest()));
        }
    }
}
