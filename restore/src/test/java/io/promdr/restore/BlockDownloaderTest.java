package io.promdr.restore;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;
import io.promdr.core.retry.Retrier;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.core.retry.TransientFailures;
import io.promdr.core.store.FaultInjectingObjectStore;
import io.promdr.core.store.FaultInjectingObjectStore.Fault;
import io.promdr.core.store.FaultInjectingObjectStore.Op;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.store.ObjectNotFoundException;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.RetryingObjectStore;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static io.promdr.restore.TestBackups.fileHashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The download path on objects large enough (for the small ranges used here) to be read as
 * parallel ranges: byte-identical blocks, faults of single ranges retried, and damaged or
 * resized objects caught by the checksums whichever range they hit.
 */
class BlockDownloaderTest {
    private static final String BACKUP_ID = "20261125T120000Z-0123abcd";
    private static final int RANGE = 512;

    @TempDir
    static Path generated;
    static TsdbTestData.Expected data;

    @TempDir
    Path staging;

    InMemoryObjectStore store;
    BlockRecord block;
    Path blockDir;

    @BeforeAll
    static void generateBlocks() {
        data = TsdbTestData.generate(generated.resolve("blocks"), 40, 2, 15);
    }

    @BeforeEach
    void backUp() throws IOException {
        store = new InMemoryObjectStore();
        Manifest manifest = TestBackups.store(Repository.init(store, "test"), BACKUP_ID, data.blockDirs());
        block = manifest.blocks().get(0);
        blockDir = data.blockDirs().get(0);
        // Several ranges, or the test would not test the parallel path.
        assertThat(block.object().size()).isGreaterThan(4L * RANGE);
    }

    @Test
    void rangesReassembleTheBlockByteForByte() throws IOException {
        long bytes = downloader(store, 3).download(block, staging);

        assertThat(bytes).isEqualTo(block.object().size());
        assertThat(fileHashes(staging.resolve(block.ulid()))).isEqualTo(fileHashes(blockDir));
        assertThat(downloader(store, 1).check(block)).isEqualTo(block.object().size());
    }

    @Test
    void resetAndFailedRangesAreResumedThroughTheRetryingStore() throws IOException {
        FaultInjectingObjectStore faulty = new FaultInjectingObjectStore(store).plan(
                Fault.fail(Op.GET_RANGE, "blocks/", 2, () -> new SocketException("Connection reset")),
                Fault.resetRangeAfter("blocks/", 4, RANGE / 3),
                Fault.resetRangeAfter("blocks/", 6, 0));
        ObjectStore retrying = new RetryingObjectStore(faulty, new Retrier(RetryPolicy.DEFAULT, TransientFailures::isTransient,
                d -> { }, System::nanoTime, new Random(7)));

        downloader(retrying, 3).download(block, staging);

        assertThat(fileHashes(staging.resolve(block.ulid()))).isEqualTo(fileHashes(blockDir));
        faulty.assertAllFired();
    }

    @Test
    void aCorruptRangeFailsWithChecksumMismatchAndLeavesNothingStaged() throws IOException {
        FaultInjectingObjectStore faulty = new FaultInjectingObjectStore(store).plan(Fault.corruptRange("blocks/", 3, 100));

        assertThatThrownBy(() -> downloader(faulty, 3).download(block, staging))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isIn(ErrorCode.CHECKSUM_MISMATCH,
                        ErrorCode.ARCHIVE_UNSAFE));
        faulty.assertAllFired();
        assertThat(staging.resolve(block.ulid())).doesNotExist();
    }

    @Test
    void anObjectLongerOrShorterThanRecordedFailsWithChecksumMismatch() throws IOException {
        byte[] original = store.bytes(block.object().key());
        byte[] longer = Arrays.copyOf(original, original.length + 5 * RANGE);
        store.overwrite(block.object().key(), longer);
        assertThatThrownBy(() -> downloader(store, 3).check(block)).isInstanceOfSatisfying(BlockMismatchException.class,
                e -> assertThat(e.problem()).isEqualTo(BlockMismatchException.OBJECT_CHECKSUM));

        store.overwrite(block.object().key(), Arrays.copyOf(original, original.length - RANGE - 1));
        assertThatThrownBy(() -> downloader(store, 3).download(block, staging)).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));
        assertThat(staging.resolve(block.ulid())).doesNotExist();
    }

    @Test
    void aMissingObjectIsReportedAsMissing() throws IOException {
        store.delete(block.object().key());

        assertThatThrownBy(() -> downloader(store, 3).download(block, staging)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(Files.list(staging)).isEmpty();
    }

    private static BlockDownloader downloader(ObjectStore store, int rangesInFlight) {
        return new BlockDownloader(store, BACKUP_ID, RANGE, rangesInFlight);
    }
}
