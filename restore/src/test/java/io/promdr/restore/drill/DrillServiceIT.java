package io.promdr.restore.drill;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.BlockStats;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.StoredObject;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.TreeCopy;
import io.promdr.core.testing.TsdbTestData;
import io.promdr.core.tsdb.verify.BlockVerifier;
import io.promdr.restore.BlockMismatchException;
import io.promdr.restore.TestBackups;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Restore drills run for real (Spring Batch on H2, the real Prometheus binary) on backups of
 * promtool blocks whose series and samples are known exactly. Damage to the TSDB structure is done
 * to the source block before the backup, so that the manifest records the damaged bytes and only
 * the TSDB check can see it; damage to the repository is done to the stored object or manifest.
 */
@SpringJUnitConfig({BatchTestConfiguration.class, DrillJobConfiguration.class})
class DrillServiceIT {
    private static final String BACKUP_ID = "20261125T120000Z-0123abcd";
    private static final int SERIES = 20;

    @TempDir
    static Path generated;
    static TsdbTestData.Expected data;

    @TempDir
    Path tmp;

    @Autowired
    DrillService drillService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    InMemoryObjectStore store;
    Path scratch;

    @BeforeAll
    static void generateBlocks() {
        // 6 hours of one sample a minute: three 2h blocks of 20 series x 120 samples.
        data = TsdbTestData.generate(generated.resolve("blocks"), SERIES, 6, 60);
    }

    @BeforeEach
    void newRepository() {
        store = new InMemoryObjectStore();
        repositories.use(() -> Repository.open(store));
        scratch = tmp.resolve("scratch");
    }

    @Test
    void aHealthyBackupPassesEveryCheckWithTheExactCountsOfTheGeneratedData() throws IOException {
        Manifest manifest = backUp(data.blockDirs(), UnaryOperator.identity());
        Instant before = Instant.now();

        DrillReport report = drillService.drill(request());

        assertThat(report.result()).isEqualTo(DrillReport.PASSED);
        assertThat(report.checks()).extracting(CheckResult::name)
                .containsExactly(DrillChecks.INTEGRITY, DrillChecks.TSDB, DrillChecks.QUERY);
        assertThat(report.checks()).allSatisfy(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.PASSED);
            assertThat(check.blocksPassed()).isEqualTo(3);
            assertThat(check.failures()).isEmpty();
        });
        assertThat(report.backupId()).isEqualTo(BACKUP_ID);
        assertThat(report.blocks()).isEqualTo(3);
        assertThat(report.samples()).isEqualTo(data.samplesTotal());
        assertThat(report.series()).isEqualTo(3L * SERIES);
        assertThat(report.downloadedBytes()).isEqualTo(manifest.totalStoredSize());
        assertThat(report.restoredBytes()).isEqualTo(manifest.totalFilesSize());
        assertThat(report.blockReports()).extracting(BlockReport::ulid).containsExactlyElementsOf(data.ulids());
        long perBlock = data.samplesTotal() / 3;
        assertThat(report.blockReports()).allSatisfy(block -> {
            assertThat(block.querySeries()).isEqualTo(SERIES);
            assertThat(block.querySamples()).isEqualTo(perBlock);
            assertThat(block.verifiedSeries()).isEqualTo(SERIES);
            assertThat(block.verifiedSamples()).isEqualTo(perBlock);
            assertThat(block.staleMarkers()).isZero();
        });
        // RPO: the newest sample bound of the backup, seen from the drill's start.
        assertThat(report.newestSampleAt()).isEqualTo(Instant.ofEpochMilli(manifest.maxTime()));
        assertThat(report.rpoSeconds()).isBetween(
                Duration.between(report.newestSampleAt(), before).toMillis() / 1000.0,
                Duration.between(report.newestSampleAt(), Instant.now()).toMillis() / 1000.0);
        assertThat(report.rtoSeconds()).isEqualTo(report.restoreSeconds() + report.verifySeconds());
        assertThat(report.prometheusVersion()).startsWith("2.");
        assertThat(report.prometheusLog()).isNull();
        assertScratchRemoved();
    }

    @Test
    void aFlippedByteInAnObjectFailsTheIntegrityCheckAndTheBlockIsNotCheckedFurther() throws IOException {
        Manifest manifest = backUp(data.blockDirs(), UnaryOperator.identity());
        BlockRecord damaged = manifest.blocks().get(1);
        byte[] bytes = store.bytes(damaged.object().key()).clone();
        bytes[bytes.length / 2] ^= 0x01;
        store.overwrite(damaged.object().key(), bytes);

        DrillReport report = drillService.drill(request());

        assertFailure(report, DrillChecks.INTEGRITY, damaged.ulid(), BlockMismatchException.OBJECT_CHECKSUM, null);
        BlockReport row = report.blockReports().get(1);
        assertThat(row.integrity()).isEqualTo(CheckStatus.FAILED);
        assertThat(row.tsdb()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(row.query()).isEqualTo(CheckStatus.SKIPPED);
        // The other two blocks are still checked all the way.
        assertThat(check(report, DrillChecks.QUERY).status()).isEqualTo(CheckStatus.PASSED);
        assertThat(check(report, DrillChecks.QUERY).blocksPassed()).isEqualTo(2);
        assertThat(check(report, DrillChecks.QUERY).blocksSkipped()).isEqualTo(1);
        assertScratchRemoved();
    }

    @Test
    void aMissingObjectFailsTheIntegrityCheck() throws IOException {
        Manifest manifest = backUp(data.blockDirs(), UnaryOperator.identity());
        BlockRecord missing = manifest.blocks().get(0);
        store.delete(missing.object().key());

        DrillReport report = drillService.drill(request());

        assertFailure(report, DrillChecks.INTEGRITY, missing.ulid(), DrillChecks.OBJECT_MISSING, null);
        assertThat(check(report, DrillChecks.INTEGRITY).failures().get(0).detail()).contains(missing.object().key());
        assertScratchRemoved();
    }

    @Test
    void aManifestThatLiesAboutAnObjectsSizeFailsTheIntegrityCheck() throws IOException {
        String liar = data.ulids().get(2);
        backUp(data.blockDirs(), block -> !block.ulid().equals(liar) ? block : withObject(block,
                new StoredObject(block.object().key(), block.object().size() + 1, block.object().sha256())));

        DrillReport report = drillService.drill(request());

        assertFailure(report, DrillChecks.INTEGRITY, liar, BlockMismatchException.OBJECT_CHECKSUM, null);
        assertScratchRemoved();
    }

    @Test
    void aFlippedByteInAnIndexSectionFailsTheTsdbCheck() throws IOException {
        DrillReport report = drillWithDamagedSource(0,
                block -> Corruption.flip(block.resolve("index"), IndexLayout.toc(block)[0] + 10));

        assertFailure(report, DrillChecks.TSDB, data.ulids().get(0), BlockVerifier.CHECK_INDEX_SECTION_CRC, "index");
        assertThat(check(report, DrillChecks.INTEGRITY).status()).isEqualTo(CheckStatus.PASSED);
        assertScratchRemoved();
    }

    @Test
    void aFlippedByteInASeriesEntryFailsTheTsdbCheck() throws IOException {
        DrillReport report = drillWithDamagedSource(1,
                block -> Corruption.flip(block.resolve("index"), (IndexLayout.toc(block)[1] + 15) / 16 * 16 + 3));

        assertFailure(report, DrillChecks.TSDB, data.ulids().get(1), BlockVerifier.CHECK_INDEX_SERIES_CRC, "index");
        assertScratchRemoved();
    }

    @Test
    void aFlippedByteInAChunkFailsTheTsdbCheck() throws IOException {
        DrillReport report = drillWithDamagedSource(2, block -> Corruption.flip(block.resolve("chunks/000001"), 100));

        assertFailure(report, DrillChecks.TSDB, data.ulids().get(2), BlockVerifier.CHECK_CHUNKS_CRC, "chunks/000001");
        assertScratchRemoved();
    }

    @Test
    void aTruncatedSegmentFailsTheTsdbCheck() throws IOException {
        DrillReport report = drillWithDamagedSource(0, block -> {
            Path segment = block.resolve("chunks/000001");
            Corruption.truncate(segment, Files.size(segment) / 2);
        });

        assertFailure(report, DrillChecks.TSDB, data.ulids().get(0), BlockVerifier.CHECK_CHUNKS_REF, "chunks/000001");
        assertScratchRemoved();
    }

    @Test
    void aManifestWhoseStatsDisagreeWithMetaJsonFailsTheTsdbCheck() throws IOException {
        String liar = data.ulids().get(1);
        backUp(data.blockDirs(), block -> !block.ulid().equals(liar) ? block : withStats(block,
                new BlockStats(block.stats().numSamples() + 1, block.stats().numSeries(), block.stats().numChunks(), 0)));

        DrillReport report = drillService.drill(request());

        assertFailure(report, DrillChecks.TSDB, liar, DrillChecks.META_MANIFEST, "meta.json");
        assertThat(check(report, DrillChecks.TSDB).failures().get(0).detail())
                .contains("numSamples " + (data.samplesTotal() / 3) + " (manifest " + (data.samplesTotal() / 3 + 1) + ")");
        assertScratchRemoved();
    }

    @Test
    void aPrometheusThatIsNotReadyInTimeFailsTheQueryCheckWithItsLog() throws IOException {
        backUp(data.blockDirs(), UnaryOperator.identity());

        DrillReport report = drillService.drill(new DrillRequest("latest", null, scratch, null, Duration.ofMillis(1),
                DrillRequest.DEFAULT_QUERY_TIMEOUT));

        assertThat(report.result()).isEqualTo(DrillReport.FAILED);
        CheckResult query = check(report, DrillChecks.QUERY);
        assertThat(query.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(query.failures()).singleElement().satisfies(f -> {
            assertThat(f.problem()).isEqualTo(DrillChecks.PROMETHEUS_START);
            assertThat(f.detail()).startsWith("Prometheus was not ready within 0 s");
        });
        assertThat(report.prometheusLog()).isNotNull();
        assertThat(report.blockReports()).allSatisfy(b -> assertThat(b.query()).isEqualTo(CheckStatus.FAILED));
        assertScratchRemoved();
    }

    @Test
    void aPrometheusThatRefusesABlockIsReportedWithTheBlockItNamesAndItsLog() throws IOException {
        backUp(data.blockDirs(), UnaryOperator.identity());
        String refused = data.ulids().get(1);
        // Stands in for a Prometheus that finds damage the verifier missed: it exits as 2.42 does on such a block.
        Path binary = tmp.resolve("prometheus");
        Files.writeString(binary, "#!/bin/sh\necho 'ts=2026-11-25T12:00:00Z caller=main.go:1071 level=error"
                + " err=\"opening storage failed: reloadBlocks: corrupted block " + refused
                + ": read TOC: read TOC: invalid checksum\"'\nexit 1\n");
        assertThat(binary.toFile().setExecutable(true)).isTrue();

        DrillReport report = drillService.drill(new DrillRequest("latest", null, scratch, binary,
                DrillRequest.DEFAULT_READY_TIMEOUT, DrillRequest.DEFAULT_QUERY_TIMEOUT));

        assertFailure(report, DrillChecks.QUERY, refused, DrillChecks.PROMETHEUS_START, null);
        assertThat(report.failures().get(0).detail()).isEqualTo(
                "Prometheus exited with code 1 while loading the blocks; its log names this block");
        assertThat(report.prometheusLog()).contains("corrupted block " + refused + ": read TOC");
        assertScratchRemoved();
    }

    @Test
    void noPrometheusBinaryFailsBeforeAnythingIsDownloaded() throws IOException {
        backUp(data.blockDirs(), UnaryOperator.identity());

        assertThatThrownBy(() -> drillService.drill(new DrillRequest("latest", null, scratch,
                tmp.resolve("no/such/prometheus"), DrillRequest.DEFAULT_READY_TIMEOUT, DrillRequest.DEFAULT_QUERY_TIMEOUT)))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DRILL_PROMETHEUS_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("Prometheus binary " + tmp.resolve("no/such/prometheus")
                            + " is not an executable file");
                });
        assertThat(scratch).doesNotExist();
    }

    @Test
    void aScratchPathThatIsAFileIsRefused() throws IOException {
        backUp(data.blockDirs(), UnaryOperator.identity());
        Files.writeString(scratch, "not a directory");

        assertThatThrownBy(() -> drillService.drill(request()))
                .isInstanceOfSatisfying(PromdrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DRILL_SCRATCH_INVALID));
    }

    @Test
    void anUnknownBackupIsNotFound() throws IOException {
        backUp(data.blockDirs(), UnaryOperator.identity());

        assertThatThrownBy(() -> drillService.drill(new DrillRequest("1999", null, scratch, null,
                DrillRequest.DEFAULT_READY_TIMEOUT, DrillRequest.DEFAULT_QUERY_TIMEOUT)))
                .isInstanceOfSatisfying(PromdrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_NOT_FOUND));
    }

    private DrillRequest request() {
        return new DrillRequest("latest", null, scratch, null, DrillRequest.DEFAULT_READY_TIMEOUT,
                DrillRequest.DEFAULT_QUERY_TIMEOUT);
    }

    private Manifest backUp(List<Path> blocks, UnaryOperator<BlockRecord> tamper) throws IOException {
        return TestBackups.store(Repository.init(store, "test"), BACKUP_ID, blocks, tamper);
    }

    /** Damage done to a source block on disk, before it is backed up. */
    @FunctionalInterface
    private interface Damage {
        void apply(Path block) throws IOException;
    }

    /** Backs up a copy of the generated blocks whose block {@code index} was damaged first, and drills it. */
    private DrillReport drillWithDamagedSource(int index, Damage damage) throws IOException {
        List<Path> blocks = new ArrayList<>();
        for (Path block : data.blockDirs()) {
            Path copy = tmp.resolve("source").resolve(block.getFileName().toString());
            Files.createDirectories(copy.getParent());
            TreeCopy.copy(block, copy);
            blocks.add(copy);
        }
        damage.apply(blocks.get(index));
        backUp(blocks, UnaryOperator.identity());
        return drillService.drill(request());
    }

    /** The drill failed, and its only failure is {@code problem} of {@code check} in block {@code ulid}. */
    private static void assertFailure(DrillReport report, String check, String ulid, String problem, String file) {
        assertThat(report.result()).isEqualTo(DrillReport.FAILED);
        assertThat(check(report, check).status()).isEqualTo(CheckStatus.FAILED);
        assertThat(report.failures()).as(report.failures().toString()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.check()).isEqualTo(check);
            assertThat(f.block()).isEqualTo(ulid);
        });
        assertThat(report.failures()).extracting(BlockFailure::problem).contains(problem);
        if (file != null) {
            assertThat(report.failures()).extracting(BlockFailure::file).contains(file);
        }
    }

    private static CheckResult check(DrillReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private void assertScratchRemoved() throws IOException {
        assertThat(TestBackups.entries(scratch)).isEmpty();
    }

    private static BlockRecord withObject(BlockRecord b, StoredObject object) {
        return new BlockRecord(b.ulid(), b.minTime(), b.maxTime(), b.stats(), b.compactionLevel(), b.contentHash(), object,
                b.files());
    }

    private static BlockRecord withStats(BlockRecord b, BlockStats stats) {
        return new BlockRecord(b.ulid(), b.minTime(), b.maxTime(), stats, b.compactionLevel(), b.contentHash(), b.object(),
                b.files());
    }
}
