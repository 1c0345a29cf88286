package io.promdr.cli.e2e;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promdr prune} (the packaged jar) killed with SIGKILL at seeded random points, each kill
 * followed by the invariants of docs/reliability.md: no manifest references a missing object,
 * every listed backup restores byte-identically, and a rerun of the prune completes what was
 * interrupted (the policy's backups are left, no unreferenced block object, no lock). Each round
 * first adds two backups of a self-scraping Prometheus: every snapshot cuts a new head block, so
 * each prune has manifests to delete and objects to sweep.
 */
class PruneKillAndRerunIT {
    private static final long SEED = Long.getLong("promdr.kill.seed", 20261203L);
    private static final int KILLS = Integer.getInteger("promdr.prune.kill.count", 4);
    /** The kills go round the prune's phases: each starts its random delay when one of them begins. */
    private static final List<String> PHASES = List.of("lockRepository", "planRetention", "deleteManifests", "sweepObjects");
    /** The longest delay after a phase begins: a clean phase lasts 40-150 ms on an idle machine, longer on a busy one. */
    private static final int MAX_DELAY_MS = 400;

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    Path dir;

    private PrometheusServer prometheus;

    @AfterEach
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void sigkillAtRandomPointsOfPruneThenRerunCompletesItAndLosesNothing() throws Exception {
        TsdbTestData.Expected data = TsdbTestData.generate(dir.resolve("generated"), 20, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), dir.resolve("prometheus-data"));
        prometheus = PrometheusServer.builder(dir.resolve("prometheus-data")).scrapeSelf(true).start();
        prometheus.awaitNonEmpty("up", Duration.ofSeconds(60));
        String uri = S3ProxyServer.repositoryUri(S3.newBucket(), "prune");
        Path config = Files.writeString(EndToEndSupport.s3Config(dir, S3, uri, S3.secretKey()),
                "retention:\n  keepLast: 2\n  gracePeriod: 0s\n", java.nio.file.StandardOpenOption.APPEND);
        CliRunner cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString()));
        ok(cli, "--config", config.toString(), "init");

        long start = System.nanoTime();
        Random random = new Random(SEED);
        List<String> log = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            backups(cli, config, 2);
            String phase = PHASES.get(kill % PHASES.size());
            int delay = random.nextInt(MAX_DELAY_MS + 1);
            String outcome;
            try (KillableJar jar = KillableJar.start(dir, List.of("--config", config.toString(), "-v", "prune"))) {
                String marker = "Executing step: [" + phase + "]";
                boolean running = jar.awaitLog(marker, 180);
                boolean killed = running && jar.killAfter(delay);
                outcome = killed ? "killed " + delay + " ms after " + phase + " began, " + phase(jar.stderr())
                        : "finished before the kill";
            }
            log.add("prune kill " + kill + ": " + outcome);
            assertNoMissingObject(uri);
            assertEveryBackupRestores(cli, config, uri, kill);

            Result rerun = ok(cli, "--config", config.toString(), "prune");
            assertThat(rerun.out()).contains("keeping 2");
            assertComplete(uri, 2);
        }
        System.err.println("PruneKillAndRerunIT " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s, seed "
                + SEED + ":\n  " + String.join("\n  ", log));
        assertThat(log).hasSize(KILLS);
    }

    private void backups(CliRunner cli, Path config, int count) {
        for (int i = 0; i < count; i++) {
            ok(cli, "--config", config.toString(), "backup", "--prometheus", prometheus.baseUrl().toString(),
                    "--data-dir", prometheus.dataDir().toString());
        }
    }

    private static String phase(String stderr) {
        return stderr.contains("completed with the following parameters") ? "after the job completed"
                : stderr.contains("sweep deleted") ? "after the sweep"
                : stderr.contains("Executing step: [sweepObjects]") ? "during the sweep"
                : stderr.contains("Executing step: [deleteManifests]") ? "while deleting manifests"
                : stderr.contains("Executing step: [planRetention]") ? "while planning"
                : "while taking the lock";
    }

    /** Every block object of every manifest exists with its recorded size. */
    private static void assertNoMissingObject(String uri) throws Exception {
        try (ObjectStore store = ObjectStores.open(uri, S3.settings())) {
            Map<String, Long> sizes = store.list(RepositoryLayout.BLOCKS).stream().collect(Collectors.toMap(ObjectInfo::key, ObjectInfo::size));
            for (Manifest manifest : Repository.open(store).listManifests(null)) {
                for (BlockRecord block : manifest.blocks()) {
                    assertThat(sizes.get(block.object().key())).as(manifest.backupId() + " references " + block.object().key())
                            .isEqualTo(block.object().size());
                }
            }
        }
    }

    /** Every listed backup restores, file by file, as its manifest records. */
    private void assertEveryBackupRestores(CliRunner cli, Path config, String uri, int round) throws Exception {
        for (Manifest manifest : manifests(uri)) {
            Path target = dir.resolve("restore-" + round + "-" + manifest.backupId());
            ok(cli, "--config", config.toString(), "restore", manifest.backupId(), "--to", target.toString());
            Map<String, String> expected = new TreeMap<>();
            for (BlockRecord block : manifest.blocks()) {
                for (FileRecord file : block.files()) {
                    expected.put(block.ulid() + "/" + file.path(), file.sha256());
                }
            }
            assertThat(TestFiles.sha256Tree(target)).as(manifest.backupId()).isEqualTo(expected);
            io.promdr.core.fs.FileTrees.deleteQuietly(target);
        }
    }

    /** What a completed prune leaves: the newest {@code keep} backups, only referenced objects, no lock. */
    private static void assertComplete(String uri, int keep) throws Exception {
        try (ObjectStore store = ObjectStores.open(uri, S3.settings())) {
            List<Manifest> manifests = Repository.open(store).listManifests(null);
            assertThat(manifests).hasSize(keep);
            Set<String> referenced = new HashSet<>();
            manifests.forEach(m -> m.blocks().forEach(b -> referenced.add(b.object().key())));
            Set<String> stored = store.list(RepositoryLayout.BLOCKS).stream().map(ObjectInfo::key)
                    .filter(RepositoryLayout::isBlockObjectKey).collect(Collectors.toSet());
            assertThat(stored).as("block objects after a completed prune").isEqualTo(referenced);
            assertThat(store.list(RepositoryLayout.lockPrefix())).as("locks after a completed prune").isEmpty();
        }
        assertNoMissingObject(uri);
    }

    private static List<Manifest> manifests(String uri) throws Exception {
        try (ObjectStore store = ObjectStores.open(uri, S3.settings())) {
            return Repository.open(store).listManifests(null).stream().sorted(Comparator.comparing(Manifest::backupId)).toList();
        }
    }

    private static Result ok(CliRunner cli, String... args) {
        Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }
}
