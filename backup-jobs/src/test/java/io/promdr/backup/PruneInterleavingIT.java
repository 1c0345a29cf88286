package io.promdr.backup;

import io.promdr.backup.prune.DeleteManifests;
import io.promdr.backup.prune.LockRepository;
import io.promdr.backup.prune.PlanRetention;
import io.promdr.backup.prune.PrunePhase;
import io.promdr.backup.prune.PruneRequest;
import io.promdr.backup.prune.PruneRun;
import io.promdr.backup.prune.RetentionRules;
import io.promdr.backup.prune.SourcePlan;
import io.promdr.backup.prune.SweepObjects;
import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.archive.BlockExtractor;
import io.promdr.core.archive.HashingInputStream;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.locks.Lease;
import io.promdr.core.locks.LockTimings;
import io.promdr.core.locks.RepositoryLocks;
import io.promdr.core.model.BackupId;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.SourceInfo;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.retention.RetentionPolicy;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized interleavings of backups, prunes and crashes on a real S3 API (S3Proxy), with the
 * production lock protocol, uploader and prune phases, and a grace period of zero so that only
 * the locks keep concurrent backups safe. After every step: every committed manifest references
 * only existing objects. At the end of each round: a clean prune leaves no unreferenced object
 * and nothing more to remove, and every backup restores byte-identically.
 *
 * <p>Reproduce a failure with {@code -Dpromdr.interleaving.seed=<seed printed by the test>}.
 */
class PruneInterleavingIT {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();
    /** At least this many rounds, and more (up to MAX_ROUNDS) until every kind of event below has happened. */
    private static final int ROUNDS = Integer.getInteger("promdr.interleaving.rounds", 4);
    private static final int MAX_ROUNDS = 12;
    private static final int STEPS = 70;
    private static final LockTimings TIMINGS = new LockTimings(Duration.ofMinutes(30), null, Duration.ZERO);
    private static final Duration HEARTBEAT = Duration.ofMinutes(5);
    private static final List<String> SOURCES = List.of("alpha", "beta");
    private static final RetentionRules RULES = new RetentionRules(
            RetentionPolicy.empty().withKeepLast(2).withKeepHourly(2).withKeepDaily(1), Map.of(), ZoneOffset.UTC, Duration.ZERO);

    @TempDir
    Path tmp;

    private final Counts counts = new Counts();

    @Test
    void everyListedBackupRestoresWhateverTheInterleaving() throws Exception {
        long seed = Long.getLong("promdr.interleaving.seed", System.nanoTime());
        System.out.println("PruneInterleavingIT seed: " + seed + " (rerun with -Dpromdr.interleaving.seed=" + seed + ")");
        List<Path> pool = blockPool(tmp.resolve("pool"), 10);
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS || round < MAX_ROUNDS && !counts.everyKindHappened(); round++) {
            String uri = S3ProxyServer.repositoryUri(S3.newBucket(), "r" + round);
            try (ObjectStore shared = ObjectStores.open(uri, S3.settings())) {
                Repository.init(shared, "test");
                new Round(shared, random, pool, round).run();
            }
        }
        System.out.println("PruneInterleavingIT: " + counts);
        // A fault that was planned but never happened proves nothing: each kind must have occurred.
        assertThat(counts.committed).as("backups committed").isPositive();
        assertThat(counts.crashes).as("simulated crashes").isPositive();
        assertThat(counts.manifestsDeleted).as("manifests deleted by retention").isPositive();
        assertThat(counts.objectsSwept).as("objects swept").isPositive();
        assertThat(counts.sweepsSkipped).as("sweeps skipped for a running backup").isPositive();
        assertThat(counts.backupWaits).as("backups that waited for a prune").isPositive();
        assertThat(counts.nestedSteps).as("steps run in the middle of another process's operation").isPositive();
        assertThat(counts.restoredBlocks).as("blocks restored and compared").isPositive();
        assertThat(counts.locksLost).as("backups and prunes stopped by a lost lock").isPositive();
    }

    /** One repository, many processes. */
    private final class Round {
        private final ObjectStore shared;
        private final Random random;
        private final List<Path> pool;
        private final int round;
        // A day ahead of the store's own lastModified times: with a zero grace period every
        // unreferenced object, even one uploaded a moment ago, is sweepable (only the locks protect
        // a running backup), and the sweep does not depend on how fast the machine is.
        private final MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(1)));
        private final List<Process> running = new ArrayList<>();
        private final Map<String, List<Path>> committedBlocks = new HashMap<>();
        private final Map<String, Manifest> manifestCache = new HashMap<>();
        private final Repository repository;
        private boolean nested;
        private int window;

        Round(ObjectStore shared, Random random, List<Path> pool, int round) throws IOException {
            this.shared = shared;
            this.random = random;
            this.pool = pool;
            this.round = round;
            this.repository = Repository.open(shared);
        }

        void run() throws Exception {
            for (int step = 0; step < STEPS; step++) {
                int dice = random.nextInt(100);
                if (dice < 18 || running.isEmpty()) {
                    running.add(new BackupProcess(this, crashPoint()));
                } else if (dice < 28) {
                    running.add(new PruneProcess(this, crashPoint()));
                } else if (dice < 36) {
                    timePasses();
                } else {
                    stepOne(running.get(random.nextInt(running.size())));
                }
                running.removeIf(Process::finished);
                assertEveryManifestComplete("round " + round + " step " + step);
            }
            finish();
        }

        /** Each process may die at one of its first operations (about a third of them do). */
        private int crashPoint() {
            return random.nextInt(3) == 0 ? 1 + random.nextInt(25) : -1;
        }

        InterleavingStore storeFor() {
            return new InterleavingStore(shared, this::maybeInterleave, -1);
        }

        InterleavingStore storeFor(int crashAt) {
            return new InterleavingStore(shared, this::maybeInterleave, crashAt);
        }

        /** Before an operation of one process, sometimes runs one step of another (one level deep). */
        private void maybeInterleave(InterleavingStore caller) {
            if (nested || running.size() < 2 || random.nextInt(100) >= 15) {
                return;
            }
            Process other = running.get(random.nextInt(running.size()));
            if (other.store() == caller || other.finished()) {
                return;
            }
            nested = true;
            try {
                counts.nestedSteps++;
                stepOne(other);
            } finally {
                nested = false;
            }
        }

        private void stepOne(Process process) {
            if (!process.finished()) {
                process.step();
            }
        }

        /** Clocks move; the heartbeats of live processes fire unless the process is stalled. */
        private void timePasses() {
            Duration total = Duration.ofMinutes(List.of(1, 7, 20, 45, 90, 240).get(random.nextInt(6)));
            Set<Process> stalled = new HashSet<>();
            for (Process p : running) {
                if (random.nextInt(100) < 15) {
                    stalled.add(p);
                }
            }
            for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(HEARTBEAT)) {
                clock.advance(HEARTBEAT.compareTo(total.minus(done)) < 0 ? HEARTBEAT : total.minus(done));
                for (Process p : running) {
                    if (!stalled.contains(p)) {
                        p.heartbeat();
                    }
                }
            }
        }

        /** The safety property: no committed manifest ever points at a missing object. */
        private void assertEveryManifestComplete(String when) throws IOException {
            Map<String, Long> objects = new HashMap<>();
            for (ObjectInfo info : shared.list(RepositoryLayout.BLOCKS)) {
                objects.put(info.key(), info.size());
            }
            // Manifests are write-once: each is read once and remembered by key.
            for (ObjectInfo info : shared.list(RepositoryLayout.BACKUPS)) {
                Manifest m = manifestCache.get(info.key());
                if (m == null) {
                    m = repository.readManifest(info.key());
                    manifestCache.put(info.key(), m);
                }
                for (BlockRecord block : m.blocks()) {
                    assertThat(objects.get(block.object().key()))
                            .as("%s: object %s of backup %s", when, block.object().key(), m.backupId())
                            .isEqualTo(block.object().size());
                }
            }
        }

        /** Everything settles: live processes finish, crashed locks go stale, a clean prune runs. */
        private void finish() throws Exception {
            while (!running.isEmpty()) {
                for (Process p : List.copyOf(running)) {
                    stepOne(p);
                }
                running.removeIf(Process::finished);
                // Time goes on (heartbeats fire), so that a backup waiting for a crashed prune's lock gets through.
                clock.advance(HEARTBEAT);
                running.forEach(Process::heartbeat);
                assertEveryManifestComplete("round " + round + " finishing");
            }
            clock.advance(TIMINGS.staleAfter().plusMinutes(1));
            PruneRun clean = new PruneRun(new PruneRequest(null, RULES, false, false), repository, clock, TIMINGS);
            for (PrunePhase phase : List.of(new LockRepository(), new PlanRetention(), new DeleteManifests(), new SweepObjects())) {
                phase.apply(clean);
            }
            clean.release();
            assertThat(clean.sweepSkippedReason()).isNull();
            counts.manifestsDeleted += clean.manifestsDeleted();
            counts.objectsSwept += clean.objectsDeleted();

            List<Manifest> manifests = repository.listManifests(null);
            Set<String> referenced = new HashSet<>();
            manifests.forEach(m -> m.blocks().forEach(b -> referenced.add(b.object().key())));
            assertThat(shared.list(RepositoryLayout.BLOCKS).stream().map(ObjectInfo::key))
                    .as("round %d: block objects after a clean prune", round).containsExactlyInAnyOrderElementsOf(referenced);
            assertThat(shared.list(RepositoryLayout.LOCKS)).as("locks after a clean prune").isEmpty();
            for (SourcePlan plan : PlanRetention.plan(repository, new PruneRequest(null, RULES, true, false), clock.instant())) {
                assertThat(plan.plan().removed()).as("round %d: a second prune removes nothing more", round).isEmpty();
            }
            for (Manifest m : manifests) {
                assertRestoresByteIdentically(m, committedBlocks.get(m.backupId()));
            }
        }

        private void assertRestoresByteIdentically(Manifest manifest, List<Path> originals) throws IOException {
            assertThat(originals).as("blocks recorded when %s was committed", manifest.backupId()).isNotNull();
            Path target = Files.createTempDirectory(tmp, "restore");
            for (BlockRecord block : manifest.blocks()) {
                try (HashingInputStream in = new HashingInputStream(shared.get(block.object().key()))) {
                    new BlockExtractor().extract(in, target, block.ulid());
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                    assertThat(in.hex()).as("SHA-256 of %s", block.object().key()).isEqualTo(block.object().sha256());
                }
                counts.restoredBlocks++;
            }
            for (Path original : originals) {
                Path restored = target.resolve(original.getFileName().toString());
                try (Stream<Path> files = Files.walk(original)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        assertThat(Files.readAllBytes(restored.resolve(original.relativize(file).toString())))
                                .as("%s of backup %s", original.relativize(file), manifest.backupId())
                                .isEqualTo(Files.readAllBytes(file));
                    }
                }
            }
            assertThat(manifest.blocks()).hasSameSizeAs(originals);
        }

        List<Path> nextBlocks() {
            // Like a Prometheus: a window of blocks that slides as old ones age out.
            window = (window + random.nextInt(2)) % (pool.size() - 3);
            return pool.subList(window, window + 2 + random.nextInt(2));
        }
    }

    private interface Process {
        void step();

        boolean finished();

        void heartbeat();

        InterleavingStore store();
    }

    /** A backup driven step by step through the production protocol: shared lock, wait, upload, check lock, commit. */
    private final class BackupProcess implements Process {
        private final Round round;
        private final InterleavingStore store;
        private final String source;
        private final List<Path> blocks;
        private final BackupId id;
        private final Instant startedAt;
        private final List<BlockRecord> records = new ArrayList<>();
        private Repository repository;
        private RepositoryLocks locks;
        private Lease lease;
        private BlockUploader uploader;
        private boolean waiting;
        private boolean done;

        BackupProcess(Round round, int crashAt) {
            this.round = round;
            this.store = round.storeFor(crashAt);
            this.source = SOURCES.get(round.random.nextInt(SOURCES.size()));
            this.blocks = round.nextBlocks();
            this.startedAt = round.clock.instant();
            // Not BackupId.newId: its random suffix orders backups started in the same second, and
            // the run must be reproducible from the seed.
            this.id = new BackupId(BackupId.newId(startedAt).value().substring(0, 17)
                    + String.format("%08x", round.random.nextInt()));
        }

        @Override
        public void step() {
            try {
                if (lease == null) {
                    repository = Repository.open(store);
                    locks = new RepositoryLocks(store, round.clock, TIMINGS);
                    lease = locks.beginShared("backup " + id + " of source " + source);
                } else if (uploader == null) {
                    if (locks.exclusiveOtherThan(lease).isPresent()) {
                        if (!waiting) {
                            counts.backupWaits++;
                        }
                        waiting = true;
                        return;
                    }
                    uploader = new BlockUploader(repository, new BlockArchiver(1), KnownBlocks.load(repository));
                } else if (records.size() < blocks.size()) {
                    records.add(uploader.store(io.promdr.core.snapshot.LocalSnapshotAccess.block(blocks.get(records.size()))).record());
                } else {
                    lease.requireHeld("committing backup " + id);
                    repository.commitManifest(new Manifest(Manifest.FORMAT_VERSION, id.value(),
                            new SourceInfo(source, "http://127.0.0.1:9090", null, "test"), startedAt, round.clock.instant(),
                            "snapshot", "test", records));
                    round.committedBlocks.put(id.value(), blocks);
                    counts.committed++;
                    lease.close();
                    done = true;
                }
            } catch (Exception e) {
                failed(e);
            }
        }

        private void failed(Exception e) {
            done = true;
            if (store.crashed()) {
                counts.crashes++;
                if (lease != null) {
                    lease.abandon();
                }
                return;
            }
            assertThat(e).as("a backup fails only by a crash or a lost lock")
                    .isInstanceOfSatisfying(PromdrException.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.LOCK_LOST));
            counts.locksLost++;
            try {
                lease.close();
            } catch (IOException closeFailure) {
                counts.crashes++;
            }
        }

        @Override
        public boolean finished() {
            return done;
        }

        @Override
        public void heartbeat() {
            if (lease != null && !done) {
                try {
                    lease.refresh();
                } catch (IOException e) {
                    failed(e);
                }
            }
        }

        @Override
        public InterleavingStore store() {
            return store;
        }
    }

    /** A prune driven phase by phase; its phases run whole, but other processes may step inside each of their operations. */
    private final class PruneProcess implements Process {
        private final Round round;
        private final InterleavingStore store;
        private PruneRun run;
        private final List<PrunePhase> phases =
                new ArrayList<>(List.of(new LockRepository(), new PlanRetention(), new DeleteManifests(), new SweepObjects()));
        private boolean done;

        PruneProcess(Round round, int crashAt) {
            this.round = round;
            this.store = round.storeFor(crashAt);
        }

        @Override
        public void step() {
            try {
                if (run == null) {
                    run = new PruneRun(new PruneRequest(null, RULES, false, false), Repository.open(store), round.clock, TIMINGS);
                    return;
                }
                PrunePhase phase = phases.remove(0);
                phase.apply(run);
                if (phase instanceof SweepObjects) {
                    if (run.sweepSkippedReason() != null) {
                        counts.sweepsSkipped++;
                    }
                    counts.manifestsDeleted += run.manifestsDeleted();
                    counts.objectsSwept += run.objectsDeleted();
                    run.release();
                    done = true;
                }
            } catch (Exception e) {
                done = true;
                if (store.crashed()) {
                    counts.crashes++;
                    if (run != null && run.holdsLock()) {
                        run.lease().abandon();
                    }
                    return;
                }
                assertThat(e).as("a prune fails only by a crash, a lost lock or another prune's lock")
                        .isInstanceOfSatisfying(PromdrException.class, p -> assertThat(p.code())
                                .isIn(ErrorCode.LOCK_LOST, ErrorCode.REPOSITORY_LOCKED));
                try {
                    if (run != null) {
                        run.release();
                    }
                } catch (IOException closeFailure) {
                    counts.crashes++;
                }
            }
        }

        @Override
        public boolean finished() {
            return done;
        }

        @Override
        public void heartbeat() {
            if (run != null && run.holdsLock() && !done) {
                try {
                    run.lease().refresh();
                } catch (IOException e) {
                    done = true;
                    counts.crashes++;
                    run.lease().abandon();
                }
            }
        }

        @Override
        public InterleavingStore store() {
            return store;
        }
    }

    /** Blocks with real meta.json and pseudo-random files, a few KiB each. */
    private static List<Path> blockPool(Path dir, int n) throws IOException {
        List<Path> blocks = new ArrayList<>();
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        for (int i = 0; i < n; i++) {
            String ulid = "01JD8X6S41TSV4RRFFQ69G5F" + alphabet.charAt(i / 32) + alphabet.charAt(i % 32);
            Path block = Files.createDirectories(dir.resolve(ulid).resolve("chunks")).getParent();
            long minTime = 1_795_000_000_000L + i * 7_200_000L;
            Files.writeString(block.resolve("meta.json"), "{\"ulid\":\"" + ulid + "\",\"minTime\":" + minTime + ",\"maxTime\":"
                    + (minTime + 7_200_000L) + ",\"stats\":{\"numSamples\":100,\"numSeries\":1,\"numChunks\":1},"
                    + "\"compaction\":{\"level\":1,\"sources\":[\"" + ulid + "\"]},\"version\":1}", StandardCharsets.UTF_8);
            Random random = new Random(i);
            byte[] index = new byte[3000 + random.nextInt(3000)];
            random.nextBytes(index);
            Files.write(block.resolve("index"), index);
            byte[] chunks = new byte[5000 + random.nextInt(5000)];
            random.nextBytes(chunks);
            Files.write(block.resolve("chunks/000001"), chunks);
            Files.write(block.resolve("tombstones"), new byte[] {0x01, 0x30, (byte) 0xBA, 0x30, 0x01, 0, 0, 0, 0});
            blocks.add(block);
        }
        return blocks;
    }

    private static final class Counts {
        int committed;
        int crashes;
        int locksLost;
        int manifestsDeleted;
        int objectsSwept;
        int sweepsSkipped;
        int backupWaits;
        int nestedSteps;
        int restoredBlocks;

        boolean everyKindHappened() {
            return committed > 0 && crashes > 0 && locksLost > 0 && manifestsDeleted > 0 && objectsSwept > 0
                    && sweepsSkipped > 0 && backupWaits > 0 && nestedSteps > 0 && restoredBlocks > 0;
        }

        @Override
        public String toString() {
            return "committed=" + committed + " crashes=" + crashes + " locksLost=" + locksLost + " manifestsDeleted="
                    + manifestsDeleted + " objectsSwept=" + objectsSwept + " sweepsSkipped=" + sweepsSkipped
                    + " backupWaits=" + backupWaits + " nestedSteps=" + nestedSteps + " restoredBlocks=" + restoredBlocks;
        }
    }
}
