package io.promdr.backup;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.retry.Retrier;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.core.retry.TransientFailures;
import io.promdr.core.store.FaultInjectingObjectStore;
import io.promdr.core.store.FaultInjectingObjectStore.Fault;
import io.promdr.core.store.FaultInjectingObjectStore.Op;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.RetryingObjectStore;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import io.promdr.restore.RestoreJobConfiguration;
import io.promdr.restore.RestoreRequest;
import io.promdr.restore.RestoreService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backups and restores against a store that fails, cuts or corrupts chosen calls, with the
 * invariants of docs/reliability.md checked after every fault:
 * <ol>
 *   <li>a backup is reported successful only if every block is stored (and its stored size and
 *       SHA-256 are those of the bytes written); otherwise no manifest is committed;</li>
 *   <li>every listed backup restores byte-identically;</li>
 *   <li>a rerun completes without uploading again what is already stored;</li>
 *   <li>no Prometheus snapshot directory is left behind;</li>
 *   <li>a failed restore leaves its target untouched.</li>
 * </ol>
 */
@SpringJUnitConfig({BatchTestConfiguration.class, BackupJobConfiguration.class, RestoreJobConfiguration.class})
class FaultInjectionIT {
    /**
     * One backup-side fault; {@code withRetries}: the store is wrapped in a {@link RetryingObjectStore};
     * {@code fails}: the backup must fail (else it must ride the fault out).
     */
    private record BackupFault(String name, Supplier<Fault> fault, boolean withRetries, boolean fails) {
        BackupFault(String name, Supplier<Fault> fault, boolean withRetries) {
            this(name, fault, withRetries, !withRetries);
        }
    }

    private static final List<BackupFault> BACKUP_FAULTS = List.of(
            new BackupFault("create of the first block object fails", () -> Fault.fail(Op.CREATE, "blocks/", 1), false),
            new BackupFault("create of the third block object fails", () -> Fault.fail(Op.CREATE, "blocks/", 3), false),
            new BackupFault("a write into a block object fails half-way", () -> Fault.fail(Op.WRITE, "blocks/", 2), false),
            new BackupFault("the commit of a block object fails", () -> Fault.fail(Op.COMMIT, "blocks/", 2), false),
            new BackupFault("the manifest commit fails", () -> Fault.fail(Op.COMMIT, "backups/", 1), false),
            new BackupFault("listing the manifests fails", () -> Fault.fail(Op.LIST, "backups/", 1), false),
            new BackupFault("a stat of a block object fails", () -> Fault.fail(Op.STAT, "blocks/", 1), false),
            new BackupFault("an unchecked exception from the store", () -> Fault.fail(Op.CREATE, "blocks/", 2,
                    () -> new IllegalStateException("injected: store bug")), false),
            new BackupFault("three connection resets on create, retried", () -> Fault.fail(Op.CREATE, "blocks/", 1,
                    () -> new SocketException("Connection reset (injected)")).times(3), true),
            new BackupFault("two connection resets on list, retried", () -> Fault.fail(Op.LIST, "", 1,
                    () -> new SocketException("Connection reset (injected)")).times(2), true),
            new BackupFault("a permanent failure is not retried", () -> Fault.fail(Op.CREATE, "blocks/", 1,
                    () -> new PromdrException(ErrorCode.ACCESS_DENIED, "access denied (injected)", "hint")), true, true),
            new BackupFault("a slow store (100 ms per create)", () -> Fault.delay(Op.CREATE, "blocks/", 1,
                    Duration.ofMillis(100)).times(2), false, false));

    @TempDir
    static Path tmp;
    static TsdbTestData.Expected data;
    static PrometheusServer prometheus;

    @Autowired
    BackupService backupService;
    @Autowired
    RestoreService restoreService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    InMemoryObjectStore store;
    /** Every fault this test planned: each must have fired. */
    final List<FaultInjectingObjectStore> faultyStores = new ArrayList<>();
    int runs;

    @BeforeAll
    static void startPrometheus() {
        data = TsdbTestData.generate(tmp.resolve("generated"), 10, 6, 60);
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
    }

    @AfterEach
    void everyPlannedFaultFired() {
        faultyStores.forEach(FaultInjectingObjectStore::assertAllFired);
    }

    @Test
    void everyBackupFaultLeavesEitherACompleteBackupOrNoneAndARerunCompletesIt() throws Exception {
        for (BackupFault planned : BACKUP_FAULTS) {
            newRepository();
            FaultInjectingObjectStore faulty = faulty(planned.fault().get());
            ObjectStore used = planned.withRetries() ? retrying(faulty) : faulty;
            repositories.use(() -> Repository.open(used));
            boolean mustFail = planned.fails();

            BackupResult result = null;
            try {
                result = backupService.backup(request());
            } catch (PromdrException e) {
                assertThat(mustFail).as(planned.name() + ": failed with " + e.getMessage()).isTrue();
                // A failure with a code of its own (access denied) keeps it; any other fails the job.
                assertThat(e.code()).as(planned.name()).isIn(ErrorCode.JOB_FAILED, ErrorCode.ACCESS_DENIED);
            }
            runs++;
            assertThat(result == null).as(planned.name() + ": failed").isEqualTo(mustFail);
            assertThat(manifests()).as(planned.name()).hasSize(mustFail ? 0 : 1);
            assertInvariants(planned.name());

            // The rerun, on a healthy store, completes the backup and uploads only what is missing.
            repositories.use(() -> Repository.open(store));
            BackupResult rerun = backupService.backup(request());
            runs++;
            assertThat(rerun.blocksUploaded() + rerun.blocksReused()).isEqualTo(data.blockDirs().size());
            assertInvariants(planned.name() + ", rerun");
        }
    }

    @Test
    void restoreFaultsFailTheRestoreAndLeaveTheTargetUntouched() throws Exception {
        repositories.use(() -> Repository.open(store));
        backupService.backup(request());
        List<Supplier<Fault>> faults = List.of(
                () -> Fault.corrupt("blocks/", 2, 700),
                () -> Fault.truncate("blocks/", 1, 500),
                () -> Fault.resetAfter("blocks/", 3, 300),
                () -> Fault.fail(Op.GET, "blocks/", 2),
                () -> Fault.fail(Op.GET, "backups/", 1),
                () -> Fault.fail(Op.LIST, "backups/", 1));
        for (Supplier<Fault> planned : faults) {
            Fault fault = planned.get();
            repositories.use(() -> Repository.open(faulty(fault)));
            Path fresh = tmp.resolve("restore-fresh-" + runs);
            Path existing = Files.createDirectories(tmp.resolve("restore-existing-" + runs));
            Files.writeString(existing.resolve("keep.txt"), "mine");
            Map<String, String> existingBefore = fileHashes(existing);

            assertThatThrownBy(() -> restoreService.restore(new RestoreRequest("latest", null, fresh, null, null, false, false, false)))
                    .as(fault.toString()).isInstanceOf(PromdrException.class);
            Fault again = planned.get(); // fresh call counts for the second restore of the pair
            repositories.use(() -> Repository.open(faulty(again)));
            assertThatThrownBy(() -> restoreService.restore(new RestoreRequest("latest", null, existing, null, null, true, false, false)))
                    .as(fault.toString()).isInstanceOf(PromdrException.class);
            runs += 2;

            assertThat(fresh).as(fault + ": a failed restore creates nothing").doesNotExist();
            assertThat(fileHashes(existing)).as(fault + ": a failed merge changes nothing").isEqualTo(existingBefore);
            assertThat(leftovers(tmp)).as(fault + ": staging directories").isEmpty();
        }
        repositories.use(() -> Repository.open(store));
        assertInvariants("after restore faults");
    }

    @Test
    void aReadCutMidBlockIsResumedByTheRetryingStoreAndTheRestoreIsComplete() throws Exception {
        repositories.use(() -> Repository.open(store));
        backupService.backup(request());
        FaultInjectingObjectStore faulty = faulty(Fault.resetAfter("blocks/", 1, 700), Fault.resetAfter("blocks/", 2, 1));
        repositories.use(() -> Repository.open(retrying(faulty)));

        Path target = tmp.resolve("resumed");
        restoreService.restore(new RestoreRequest("latest", null, target, null, null, false, false, false));
        runs++;

        for (Path block : data.blockDirs()) {
            assertThat(fileHashes(target.resolve(block.getFileName().toString()))).isEqualTo(fileHashes(block));
        }
    }

    /** The invariants that must hold after any fault, whatever the run reported. */
    private void assertInvariants(String after) throws Exception {
        Repository repository = Repository.open(store);
        List<Manifest> manifests = repository.listManifests(null);
        for (Manifest manifest : manifests) {
            // 1. Every block of a committed manifest is stored with the recorded size and SHA-256.
            for (BlockRecord block : manifest.blocks()) {
                byte[] stored = store.bytes(block.object().key());
                assertThat(stored).as(after + ": " + block.object().key()).isNotNull();
                assertThat(stored.length).as(after).isEqualTo(block.object().size());
                assertThat(sha256(stored)).as(after).isEqualTo(block.object().sha256());
            }
            // 2. It restores byte-identically.
            Path target = tmp.resolve("check-" + runs + "-" + manifest.backupId());
            repositories.use(() -> Repository.open(store));
            restoreService.restore(new RestoreRequest(manifest.backupId(), null, target, null, null, false, false, false));
            for (Path block : data.blockDirs()) {
                assertThat(fileHashes(target.resolve(block.getFileName().toString()))).as(after).isEqualTo(fileHashes(block));
            }
            FileSystemUtils.deleteRecursively(target);
        }
        // 3. Nothing was uploaded twice: each block key was committed once in this repository.
        List<String> blockCommits = store.committedKeys().stream().filter(k -> k.startsWith(RepositoryLayout.BLOCKS)).toList();
        assertThat(new HashSet<>(blockCommits)).as(after + ": block uploads " + blockCommits).hasSameSizeAs(blockCommits);
        // 4. No snapshot left behind (nor its lease).
        assertThat(entries(prometheus.dataDir().resolve("snapshots"))).as(after + ": snapshots").isEmpty();
    }

    private FaultInjectingObjectStore faulty(Fault... faults) {
        FaultInjectingObjectStore faulty = new FaultInjectingObjectStore(store).plan(faults);
        faultyStores.add(faulty);
        return faulty;
    }

    private static RetryingObjectStore retrying(ObjectStore store) {
        RetryPolicy fast = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(10));
        return new RetryingObjectStore(store, new Retrier(fast, TransientFailures::isTransient));
    }

    private BackupRequest request() {
        return new BackupRequest("default", prometheus.baseUrl(), prometheus.dataDir(), 3);
    }

    private List<String> manifests() throws IOException {
        return store.list(RepositoryLayout.BACKUPS).stream().map(o -> o.key()).toList();
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".promdr")).toList();
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    static Map<String, String> fileHashes(Path dir) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(dir.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
