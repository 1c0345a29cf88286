package io.promdr.restore;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.FileSystemObjectStore;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.nio.file.Path;

import static io.promdr.restore.TestBackups.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * --merge into the data directory of a running Prometheus (its wal/, chunks_head/ and
 * queries.active are there): the missing blocks are moved in whole, and Prometheus serves every
 * sample once restarted. Repository on the local filesystem.
 */
@SpringJUnitConfig({BatchTestConfiguration.class, RestoreJobConfiguration.class})
class RestoreIntoRunningPrometheusIT {
    @TempDir
    Path tmp;

    @Autowired
    RestoreService restoreService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    @Test
    void mergeAddsTheMissingBlocksNextToTheLiveOnes() throws Exception {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("generated"), 10, 6, 60);
        Path repositoryRoot = tmp.resolve("repository");
        Repository repository = Repository.init(new FileSystemObjectStore(repositoryRoot), "test");
        TestBackups.store(repository, "20261125T120000Z-0123abcd", data.blockDirs());
        repositories.use(() -> Repository.open(new FileSystemObjectStore(repositoryRoot)));
        Path dataDir = tmp.resolve("data");
        PrometheusServer.backfill(data.blockDirs().subList(0, 1), dataDir);

        RestoreResult result;
        try (PrometheusServer running = PrometheusServer.start(dataDir)) {
            result = restoreService.restore(new RestoreRequest("latest", null, dataDir, null, null, true, false, false));
        }

        assertThat(result.plan().alreadyPresent()).extracting(BlockRecord::ulid).containsExactly(data.ulids().get(0));
        assertThat(result.blocksRestored()).isEqualTo(2);
        assertThat(entries(dataDir)).containsAll(data.ulids()).contains("wal");
        assertThat(entries(tmp)).noneMatch(name -> name.startsWith(StagingDirectory.PREFIX));
        try (PrometheusServer restarted = PrometheusServer.start(dataDir)) {
            double samples = restarted.queryValue("sum(count_over_time(" + TsdbTestData.METRIC + "[7h]))", data.endEpochSec());
            assertThat((long) samples).isEqualTo(data.samplesTotal());
        }
    }
}
