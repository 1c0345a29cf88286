package io.promdr.backup;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.archive.BlockContentHash;
import io.promdr.core.archive.BlockExtractor;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TreeCopy;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A block object that exists at its content-addressed key but that no manifest references (left
 * by an interrupted backup, or written by someone else) is checked before a backup records it:
 * an intact one is reused, a damaged one is replaced by a fresh archive of the block.
 */
@SpringJUnitConfig({BatchTestConfiguration.class, BackupJobConfiguration.class})
class BackupLeftoverObjectIT {
    @TempDir
    static Path tmp;
    static TsdbTestData.Expected data;
    @AutoClose
    static PrometheusServer prometheus;

    @Autowired
    BackupService backupService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    @TempDir
    Path work;
    InMemoryObjectStore store;
    Path block;
    List<FileRecord> blockFiles;
    String key;

    @BeforeAll
    static void startPrometheus() {
        data = TsdbTestData.generate(tmp.resolve("generated"), 20, 4, 15);
        PrometheusServer.backfill(data.blockDirs(), tmp.resolve("data"));
        prometheus = PrometheusServer.start(tmp.resolve("data"));
    }

    @BeforeEach
    void newRepositoryAndTheKeyOfTheFirstBlock() throws IOException {
        store = new InMemoryObjectStore();
        Repository.init(store, "test");
        repositories.use(() -> Repository.open(store));
        block = data.blockDirs().get(0);
        blockFiles = new BlockArchiver(3).scan(block);
        key = RepositoryLayout.blockObjectKey(ulid(), BlockContentHash.of(blockFiles));
    }

    @Test
    void anIntactLeftoverIsReusedWithoutUploadingItAgain() throws Exception {
        // Another compression level: other bytes for the same files, which a fresh upload would not reproduce.
        byte[] leftover = archive(block, blockFiles, 1);
        store.overwrite(key, leftover);

        BackupResult result = backupService.backup(request());

        assertThat(store.committedKeys()).doesNotContain(key);
        assertThat(store.bytes(key)).isEqualTo(leftover);
        assertThat(recordOf(result).object().sha256()).isEqualTo(BackupJobIT.sha256(leftover));
        assertThat(recordOf(result).object().size()).isEqualTo(leftover.length);
        assertThat(result.blocksUploaded()).isEqualTo(data.blockDirs().size() - 1);
        assertThat(result.blocksReused()).isEqualTo(1);
    }

    @Test
    void aLeftoverHoldingOtherFilesIsReplacedByTheBlock() throws Exception {
        // A well-formed archive of the right block directory whose chunk data differs from the block's.
        Path other = work.resolve(ulid());
        TreeCopy.copy(block, other);
        Path chunk = other.resolve("chunks/000001");
        byte[] bytes = Files.readAllBytes(chunk);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(chunk, bytes);
        store.overwrite(key, archive(other, new BlockArchiver(3).scan(other), 3));

        assertReplacedByAFreshArchive(backupService.backup(request()));
    }

    @Test
    void aLeftoverOfRandomBytesIsReplacedByTheBlock() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        store.overwrite(key, garbage);

        assertReplacedByAFreshArchive(backupService.backup(request()));
    }

    private void assertReplacedByAFreshArchive(BackupResult result) throws Exception {
        assertThat(store.committedKeys()).containsOnlyOnce(key);
        assertThat(result.blocksUploaded()).isEqualTo(data.blockDirs().size());
        assertThat(result.blocksReused()).isZero();
        byte[] stored = store.bytes(key);
        BlockRecord record = recordOf(result);
        assertThat(record.object().key()).isEqualTo(key);
        assertThat(record.object().sha256()).isEqualTo(BackupJobIT.sha256(stored));
        assertThat(record.object().size()).isEqualTo(stored.length);
        assertThat(record.files()).isEqualTo(blockFiles);

        Path staging = Files.createDirectory(work.resolve("staging"));
        List<FileRecord> restored = new BlockExtractor().extract(new ByteArrayInputStream(stored), staging, ulid());
        assertThat(restored).isEqualTo(blockFiles);
        for (FileRecord file : blockFiles) {
            assertThat(staging.resolve(ulid()).resolve(file.path())).hasSameBinaryContentAs(block.resolve(file.path()));
        }
    }

    private BlockRecord recordOf(BackupResult result) {
        return result.manifest().blocks().stream().filter(b -> b.ulid().equals(ulid())).findFirst().orElseThrow();
    }

    private String ulid() {
        return block.getFileName().toString();
    }

    private static byte[] archive(Path dir, List<FileRecord> files, int zstdLevel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BlockArchiver(zstdLevel).pack(dir, dir.getFileName().toString(), files, out);
        return out.toByteArray();
    }

    private BackupRequest request() {
        return new BackupRequest("default", prometheus.baseUrl(), prometheus.dataDir(), 3);
    }
}
