package io.promdr.restore;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.StoredObject;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.TsdbTestData;
import io.promdr.core.tsdb.BlockMeta;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.promdr.restore.TestBackups.entries;
import static io.promdr.restore.TestBackups.fileHashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The restore job run for real (Spring Batch on H2) from an in-memory repository holding promtool-generated blocks. */
@SpringJUnitConfig({BatchTestConfiguration.class, RestoreJobConfiguration.class})
class RestoreServiceTest {
    private static final String BACKUP_ID = "20261125T120000Z-0123abcd";

    @TempDir
    static Path generated;
    static TsdbTestData.Expected data;

    @TempDir
    Path tmp;

    @Autowired
    RestoreService restoreService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    InMemoryObjectStore store;
    Manifest manifest;
    Path target;

    @BeforeAll
    static void generateBlocks() {
        // 6 hours = three 2h blocks.
        data = TsdbTestData.generate(generated.resolve("blocks"), 10, 6, 60);
    }

    @BeforeEach
    void backUp() throws IOException {
        store = new InMemoryObjectStore();
        Repository repository = Repository.init(store, "test");
        manifest = TestBackups.store(repository, BACKUP_ID, data.blockDirs());
        repositories.use(() -> Repository.open(store));
        target = tmp.resolve("restored");
    }

    @Test
    void restoresEveryBlockByteForByteIntoAMissingTarget() throws IOException {
        RestoreResult result = restoreService.restore(request("latest"));

        assertThat(result.blocksRestored()).isEqualTo(data.blockDirs().size());
        assertThat(result.bytesDownloaded()).isEqualTo(manifest.totalStoredSize());
        assertThat(result.plan().manifest().backupId()).isEqualTo(BACKUP_ID);
        assertThat(entries(target)).containsExactlyElementsOf(data.ulids());
        for (Path block : data.blockDirs()) {
            assertThat(fileHashes(target.resolve(block.getFileName().toString()))).isEqualTo(fileHashes(block));
        }
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void restoresIntoAnEmptyExistingTarget() throws IOException {
        Files.createDirectories(target);

        RestoreResult result = restoreService.restore(request(BACKUP_ID.substring(0, 10)));

        assertThat(result.blocksRestored()).isEqualTo(data.blockDirs().size());
        assertThat(entries(target)).containsExactlyElementsOf(data.ulids());
    }

    @Test
    void fromAndUntilSelectOnlyOverlappingBlocks() throws IOException {
        BlockMeta middle = BlockMeta.read(data.blockDirs().get(1));

        RestoreResult result = restoreService.restore(new RestoreRequest("latest", null, target, middle.minTime(),
                middle.maxTime(), false, false, false));

        assertThat(result.plan().toRestore()).extracting(BlockRecord::ulid).containsExactly(middle.ulid());
        assertThat(result.plan().outsideWindow()).extracting(BlockRecord::ulid)
                .containsExactly(data.ulids().get(0), data.ulids().get(2));
        assertThat(entries(target)).containsExactly(middle.ulid());

        // One millisecond into the next block's range selects it too: the ranges are half-open.
        RestorePlan wider = restoreService.plan(new RestoreRequest("latest", null, tmp.resolve("other"), middle.minTime(),
                BlockMeta.read(data.blockDirs().get(2)).minTime() + 1, false, false, true));
        assertThat(wider.toRestore()).extracting(BlockRecord::ulid).containsExactly(middle.ulid(), data.ulids().get(2));
    }

    @Test
    void refusesANonEmptyTargetWithoutMergeOrForce() throws IOException {
        Files.createDirectories(target);
        Files.writeString(target.resolve("wal-marker"), "keep me");

        assertThatThrownBy(() -> restoreService.restore(request("latest")))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_TARGET_NOT_EMPTY);
                    assertThat(e.getMessage()).isEqualTo("restore target " + target + " is not empty");
                    assertThat(e.hint()).isEqualTo("use --merge to add blocks to an existing data directory, or --force");
                });
        assertThat(entries(target)).containsExactly("wal-marker");
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void refusesATargetThatIsAFile() throws IOException {
        Files.writeString(target, "not a directory");

        assertThatThrownBy(() -> restoreService.restore(request("latest")))
                .isInstanceOfSatisfying(PromdrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_TARGET_INVALID));
        assertThat(Files.readString(target)).isEqualTo("not a directory");
    }

    @Test
    void mergeSkipsBlocksAlreadyPresentAndAddsTheOthers() throws IOException {
        String present = data.ulids().get(0);
        Files.createDirectories(target.resolve(present));
        Files.writeString(target.resolve(present).resolve("marker"), "the running Prometheus' own copy");
        Files.createDirectories(target.resolve("wal"));

        RestoreResult result = restoreService.restore(new RestoreRequest("latest", null, target, null, null, true, false, false));

        assertThat(result.plan().alreadyPresent()).extracting(BlockRecord::ulid).containsExactly(present);
        assertThat(result.blocksRestored()).isEqualTo(data.blockDirs().size() - 1);
        assertThat(entries(target.resolve(present))).containsExactly("marker");
        assertThat(entries(target)).containsAll(data.ulids()).contains("wal");
        for (Path block : data.blockDirs().subList(1, data.blockDirs().size())) {
            assertThat(fileHashes(target.resolve(block.getFileName().toString()))).isEqualTo(fileHashes(block));
        }
    }

    @Test
    void forceReplacesBlocksAlreadyPresent() throws IOException {
        String present = data.ulids().get(0);
        Files.createDirectories(target.resolve(present));
        Files.writeString(target.resolve(present).resolve("meta.json"), "{\"damaged\": true}");

        RestoreResult result = restoreService.restore(new RestoreRequest("latest", null, target, null, null, false, true, false));

        assertThat(result.plan().toReplace()).extracting(BlockRecord::ulid).containsExactly(present);
        assertThat(result.blocksRestored()).isEqualTo(data.blockDirs().size());
        assertThat(fileHashes(target.resolve(present))).isEqualTo(fileHashes(data.blockDirs().get(0)));
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void aCorruptedObjectFailsWithChecksumMismatchAndLeavesTheTargetUntouched() throws IOException {
        BlockRecord last = manifest.blocks().get(2);
        byte[] bytes = store.bytes(last.object().key()).clone();
        bytes[bytes.length / 2] ^= 0x5a;
        store.overwrite(last.object().key(), bytes);

        assertThatThrownBy(() -> restoreService.restore(request("latest")))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
                    assertThat(e.getMessage()).startsWith("block " + last.ulid() + " of backup " + BACKUP_ID + ": object "
                            + last.object().key()).endsWith("does not match the manifest");
                    assertThat(e.hint()).contains("restore another backup or run promdr verify");
                });
        assertThat(target).doesNotExist();
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void anObjectReplacedByAnotherBlocksArchiveFailsWithChecksumMismatch() throws IOException {
        BlockRecord first = manifest.blocks().get(0);
        store.overwrite(first.object().key(), store.bytes(manifest.blocks().get(1).object().key()));

        assertThatThrownBy(() -> restoreService.restore(request("latest")))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
                    assertThat(e.getMessage()).startsWith("block " + first.ulid() + " of backup " + BACKUP_ID + ": object ");
                });
        assertThat(target).doesNotExist();
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void aTruncatedObjectFailsWithChecksumMismatchAndAMergeTargetKeepsItsContent() throws IOException {
        Files.createDirectories(target);
        Files.writeString(target.resolve("existing"), "x");
        BlockRecord first = manifest.blocks().get(0);
        store.overwrite(first.object().key(), new byte[]{0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});

        assertThatThrownBy(() -> restoreService.restore(new RestoreRequest("latest", null, target, null, null, true, false, false)))
                .isInstanceOfSatisfying(PromdrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));
        assertThat(entries(target)).containsExactly("existing");
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void aFileThatDoesNotMatchTheManifestFailsBeforeAnythingIsActivated() throws IOException {
        InMemoryObjectStore other = new InMemoryObjectStore();
        Repository repository = Repository.init(other, "test");
        // The object is intact but the manifest records another hash for one chunk file.
        Manifest tampered = TestBackups.store(repository, BACKUP_ID, data.blockDirs(), block -> {
            List<FileRecord> files = new ArrayList<>();
            for (FileRecord file : block.files()) {
                files.add(file.path().equals("chunks/000001") ? new FileRecord(file.path(), file.size(), "0".repeat(64)) : file);
            }
            return new BlockRecord(block.ulid(), block.minTime(), block.maxTime(), block.stats(), block.compactionLevel(),
                    block.contentHash(), block.object(), files);
        });
        repositories.use(() -> Repository.open(other));

        assertThatThrownBy(() -> restoreService.restore(request("latest")))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
                    assertThat(e.getMessage()).isEqualTo("block " + tampered.blocks().get(0).ulid() + " of backup "
                            + BACKUP_ID + ": file chunks/000001 does not match the manifest");
                });
        assertThat(target).doesNotExist();
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void anArchiveThatUnpacksToMoreThanTheManifestRecordsStopsBeforeWritingIt() throws IOException {
        // A hostile repository: manifest and object agree, but the object unpacks to far more bytes than
        // the manifest's files (a zstd bomb). Extraction must stop at the recorded size, not fill the disk.
        BlockRecord first = manifest.blocks().get(0);
        Path bombBlock = Files.createDirectories(tmp.resolve("bomb").resolve(first.ulid()));
        for (FileRecord file : first.files()) {
            Path copy = bombBlock.resolve(file.path());
            Files.createDirectories(copy.getParent());
            Files.copy(data.blockDirs().get(0).resolve(file.path()), copy);
        }
        try (RandomAccessFile chunk = new RandomAccessFile(bombBlock.resolve("chunks/000001").toFile(), "rw")) {
            chunk.setLength(32L << 20); // sparse zeros: 32 MiB that compress to almost nothing
        }
        BlockArchiver archiver = new BlockArchiver(3);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        archiver.pack(bombBlock, first.ulid(), archiver.scan(bombBlock), bomb);
        assertThat(bomb.size()).isLessThan(1 << 20);

        InMemoryObjectStore other = new InMemoryObjectStore();
        Repository repository = Repository.init(other, "test");
        TestBackups.store(repository, BACKUP_ID, data.blockDirs(), block -> !block.ulid().equals(first.ulid()) ? block
                : new BlockRecord(block.ulid(), block.minTime(), block.maxTime(), block.stats(), block.compactionLevel(),
                block.contentHash(), new StoredObject(block.object().key(), bomb.size(),
                TestBackups.sha256(bomb.toByteArray())), block.files()));
        other.overwrite(first.object().key(), bomb.toByteArray());
        repositories.use(() -> Repository.open(other));

        assertThatThrownBy(() -> restoreService.restore(request("latest")))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ARCHIVE_UNSAFE);
                    assertThat(e.getMessage()).contains(first.ulid() + "/chunks/000001")
                            .contains("more than the " + first.filesSize() + " bytes the manifest records");
                });
        assertThat(target).doesNotExist();
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void dryRunPlansAndChangesNothing() throws IOException {
        RestoreResult result = restoreService.restore(new RestoreRequest("latest", null, target, null, null, false, false, true));

        assertThat(result.blocksRestored()).isZero();
        assertThat(result.bytesDownloaded()).isZero();
        assertThat(result.plan().toRestore()).hasSize(data.blockDirs().size());
        assertThat(result.plan().downloadBytes()).isEqualTo(manifest.totalStoredSize());
        assertThat(result.plan().restoredBytes()).isEqualTo(manifest.totalFilesSize());
        assertThat(target).doesNotExist();
        assertThat(entries(tmp)).isEmpty();
    }

    @Test
    void anUnknownBackupIsReportedAsNotFound() {
        assertThatThrownBy(() -> restoreService.restore(request("2020")))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_NOT_FOUND));
        assertThat(target).doesNotExist();
    }

    @Test
    void theSameRestoreCanRunTwice() {
        restoreService.restore(request("latest"));
        RestoreResult again = restoreService.restore(new RestoreRequest("latest", null, target, null, null, true, false, false));

        assertThat(again.blocksRestored()).isZero();
        assertThat(again.plan().alreadyPresent()).hasSize(data.blockDirs().size());
    }

    private RestoreRequest request(String backup) {
        return new RestoreRequest(backup, null, target, null, null, false, false, false);
    }

    private List<String> stagingLeftovers() throws IOException {
        return entries(tmp).stream().filter(name -> name.startsWith(StagingDirectory.PREFIX)).toList();
    }
}
