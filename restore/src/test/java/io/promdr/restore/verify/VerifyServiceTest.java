package io.promdr.restore.verify;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.store.ReadOnlyObjectStore;
import io.promdr.core.testing.TsdbTestData;
import io.promdr.restore.BlockMismatchException;
import io.promdr.restore.BlockProblem;
import io.promdr.restore.TestBackups;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** verify against an in-memory repository holding two backups of promtool blocks that share two of them. */
class VerifyServiceTest {
    private static final String OLD = "20261124T120000Z-00000001";
    private static final String NEW = "20261125T120000Z-00000002";

    @TempDir
    static Path generated;
    static TsdbTestData.Expected data;

    InMemoryObjectStore store;
    Repository repository;
    Manifest older;
    Manifest newer;

    @BeforeAll
    static void generateBlocks() {
        // 12 hours: six 2h blocks, enough for the subsets to split them.
        data = TsdbTestData.generate(generated.resolve("blocks"), 5, 12, 300);
    }

    @BeforeEach
    void backUpTwice() throws IOException {
        store = new InMemoryObjectStore();
        Repository writable = Repository.init(store, "test");
        older = TestBackups.store(writable, OLD, data.blockDirs().subList(0, 4));
        newer = TestBackups.store(writable, NEW, data.blockDirs().subList(2, 6));
        repository = Repository.open(ReadOnlyObjectStore.of(store));
    }

    @Test
    void bySizeEveryObjectOfEveryBackupIsCheckedOnceAndNothingIsRead() throws IOException {
        VerifyReport report = verify(VerifyRequest.ALL, null);

        assertThat(report.result()).isEqualTo("passed");
        assertThat(report.readData()).isNull();
        assertThat(report.objects()).isEqualTo(6);
        assertThat(report.objectsRead()).isZero();
        assertThat(report.bytesRead()).isZero();
        assertThat(report.backups()).extracting(BackupVerification::backupId).containsExactly(OLD, NEW);
        assertThat(report.backups()).allSatisfy(b -> {
            assertThat(b.blocks()).isEqualTo(4);
            assertThat(b.ok()).isTrue();
        });
    }

    @Test
    void aMissingSharedObjectIsReportedForEveryBackupThatNeedsIt() throws IOException {
        BlockRecord shared = older.blocks().get(3);
        store.delete(shared.object().key());

        VerifyReport report = verify(VerifyRequest.ALL, null);

        assertThat(report.result()).isEqualTo("failed");
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.problem()).isEqualTo(BlockProblem.OBJECT_MISSING);
            assertThat(p.block()).isEqualTo(shared.ulid());
            assertThat(p.key()).isEqualTo(shared.object().key());
            assertThat(p.backupIds()).containsExactly(OLD, NEW);
        });
        assertThat(report.backups()).allSatisfy(b -> assertThat(b.problems()).isEqualTo(1));
    }

    @Test
    void aShortenedObjectIsASizeProblemWithoutReadingIt() throws IOException {
        BlockRecord block = newer.blocks().get(3);
        byte[] bytes = store.bytes(block.object().key());
        store.overwrite(block.object().key(), Arrays.copyOf(bytes, bytes.length - 1));

        VerifyReport report = verify("latest", null);

        assertThat(report.backups()).extracting(BackupVerification::backupId).containsExactly(NEW);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.problem()).isEqualTo(VerifyService.OBJECT_SIZE);
            assertThat(p.detail()).isEqualTo("object " + block.object().key() + " is " + (bytes.length - 1)
                    + " bytes, the manifest records " + bytes.length);
        });
    }

    @Test
    void aFlippedByteIsOnlySeenWhenReadingTheData() throws IOException {
        BlockRecord block = older.blocks().get(0);
        byte[] bytes = store.bytes(block.object().key()).clone();
        bytes[bytes.length / 3] ^= 0x10;
        store.overwrite(block.object().key(), bytes);

        assertThat(verify(OLD, null).problems()).isEmpty();
        VerifyReport read = verify(OLD, DataSubset.ALL);

        assertThat(read.readData()).isEqualTo("1/1");
        assertThat(read.objectsRead()).isEqualTo(4);
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.problem()).isEqualTo(BlockMismatchException.OBJECT_CHECKSUM);
            assertThat(p.block()).isEqualTo(block.ulid());
            assertThat(p.backupIds()).containsExactly(OLD);
        });
    }

    @Test
    void subsetsAreDisjointStableAndCoverEveryObject() throws IOException {
        List<String> all = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            List<String> subset = readKeys(new DataSubset(n, 3));
            assertThat(readKeys(new DataSubset(n, 3))).as("subset %d/3 twice", n).isEqualTo(subset);
            all.addAll(subset);
        }
        Set<String> every = new HashSet<>();
        older.blocks().forEach(b -> every.add(b.object().key()));
        newer.blocks().forEach(b -> every.add(b.object().key()));
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(every);
    }

    @Test
    void anUnreadableManifestIsAProblemAndTheOtherBackupsAreStillVerified() throws IOException {
        String key = Repository.manifestKeyOf(older);
        store.overwrite(key, "{ not json".getBytes(StandardCharsets.UTF_8));

        VerifyReport report = verify(VerifyRequest.ALL, null);

        assertThat(report.backups()).extracting(BackupVerification::backupId).containsExactly(NEW);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.problem()).isEqualTo(VerifyService.MANIFEST_UNREADABLE);
            assertThat(p.detail()).contains(key);
        });
    }

    @Test
    void subsetsMustBeNOfT() {
        assertThat(DataSubset.parse("2/7")).isEqualTo(new DataSubset(2, 7));
        for (String bad : List.of("0/3", "4/3", "1/0", "1", "a/b", "", "-1/2")) {
            assertThatThrownBy(() -> DataSubset.parse(bad)).isInstanceOfSatisfying(PromdrException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                assertThat(e.getMessage()).isEqualTo("--read-data-subset \"" + bad + "\" is not n/t with 1 <= n <= t");
            });
        }
    }

    private List<String> readKeys(DataSubset subset) throws IOException {
        VerifyReport report = verify(VerifyRequest.ALL, subset);
        assertThat(report.problems()).isEmpty();
        List<String> keys = new ArrayList<>();
        for (Manifest m : List.of(older, newer)) {
            for (BlockRecord b : m.blocks()) {
                if (subset.contains(b) && !keys.contains(b.object().key())) {
                    keys.add(b.object().key());
                }
            }
        }
        assertThat(report.objectsRead()).isEqualTo(keys.size());
        return keys;
    }

    private VerifyReport verify(String backup, DataSubset subset) throws IOException {
        return new VerifyService().verify(repository, new VerifyRequest(backup, null, subset));
    }
}
