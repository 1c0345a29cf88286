package io.promdr.cli.e2e;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar killed with SIGKILL (no shutdown hook, no cleanup: an OOM kill, a node lost) at
 * seeded random points of backups and restores, each kill followed by a rerun, with the
 * invariants of docs/reliability.md checked after every kill and every rerun:
 * every committed backup has all its blocks stored with the recorded size and SHA-256; a rerun
 * of the backup succeeds, uploads nothing already stored and leaves no snapshot directory (it
 * removes the killed run's, and says so); a killed restore leaves in its target only complete,
 * byte-identical blocks, and a rerun with --merge completes it and removes the killed run's
 * staging directory.
 */
class KillAndRerunIT {
    /** Change the seed to explore other kill points; docs/reliability.md records the runs made. */
    private static final long SEED = Long.getLong("promdr.kill.seed", 20261203L);
    private static final int KILLS = Integer.getInteger("promdr.kill.count", 8);
    private static final Pattern UPLOADED = Pattern.compile("Block \\S+ uploaded: (\\S+) \\(");

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    Path dir;

    private PrometheusServer prometheus;
    private Process process;

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void sigkillAtRandomPointsOfBackupAndRestoreThenRerunLosesNothing() throws Exception {
        TsdbTestData.Expected data = TsdbTestData.generate(dir.resolve("generated"), 100, 8, 30);
        PrometheusServer.backfill(data.blockDirs(), dir.resolve("prometheus-data"));
        prometheus = PrometheusServer.start(dir.resolve("prometheus-data"));
        String bucket = S3.newBucket();
        String uri = S3ProxyServer.repositoryUri(bucket, "kill");
        Path config = EndToEndSupport.s3Config(dir, S3, uri, S3.secretKey());
        CliRunner cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString()));
        assertThat(cli.run("--config", config.toString(), "init").exitCode()).isZero();

        long testStart = System.nanoTime();
        // A first backup and restore, not killed: a committed backup to restore, and how long each
        // phase takes on this machine, so that the kills land inside the phases whatever its speed.
        long backupMs = timed(() -> assertThat(cli.run("--config", config.toString(), "backup", "--prometheus",
                prometheus.baseUrl().toString(), "--data-dir", prometheus.dataDir().toString()).exitCode()).isZero());
        long restoreMs = timed(() -> assertThat(cli.run("--config", config.toString(), "restore", "latest", "--to",
                dir.resolve("first-restore").toString()).exitCode()).isZero());
        // Kill windows: how long after its marker a run of that kind lasts; a run that finishes before
        // its kill narrows the window to what it took, so that later kills land inside the phase.
        int[] backupWindow = {(int) backupMs};
        int[] restoreWindow = {(int) restoreMs};
        Random random = new Random(SEED);
        List<String> log = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            boolean restore = kill % 3 == 2;
            if (restore) {
                Path target = dir.resolve("restore-" + kill);
                String outcome = killDuring(config, random, "Restore of backup", restoreWindow,
                        "restore", "latest", "--to", target.toString());
                log.add("restore kill " + kill + ": " + outcome);
                assertOnlyCompleteBlocks(uri, target);
                List<Path> leftovers = stagingDirs(target);
                Result rerun = cli.run("--config", config.toString(), "restore", "latest", "--to", target.toString(), "--merge");
                assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
                assertCompleteRestore(uri, target);
                // The killed run's staging directory, if it had one, is removed by the rerun, which says so.
                assertThat(stagingDirs(target)).as("staging directories after the rerun\n" + rerun).isEmpty();
                for (Path leftover : leftovers) {
                    assertThat(rerun.err()).contains("Removed staging directory " + leftover + " left by an interrupted restore");
                }
            } else {
                String outcome = killDuring(config, random, "created snapshot", backupWindow, "backup",
                        "--prometheus", prometheus.baseUrl().toString(), "--data-dir", prometheus.dataDir().toString());
                log.add("backup kill " + kill + ": " + outcome);
                assertEveryBackupComplete(uri);
                Set<String> storedBefore = keys(uri);
                Result rerun = cli.run("--config", config.toString(), "-v", "backup", "--prometheus",
                        prometheus.baseUrl().toString(), "--data-dir", prometheus.dataDir().toString());
                assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
                for (String uploaded : uploadedKeys(rerun)) {
                    assertThat(storedBefore).as("the rerun uploaded again " + uploaded + "\n" + rerun).doesNotContain("kill/" + uploaded);
                }
                assertThat(snapshots()).as("snapshot directories after the rerun\n" + rerun).isEmpty();
                assertEveryBackupComplete(uri);
            }
        }
        System.err.println("KillAndRerunIT " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - testStart) + " s, seed " + SEED + ":\n  " + String.join("\n  ", log));
        assertThat(log).hasSize(KILLS);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /**
     * Starts the jar, waits for {@code marker} in its log, sleeps a seeded random time up to
     * {@code maxDelayMs}, and kills it with SIGKILL; returns where the kill landed.
     */
    private String killDuring(Path config, Random random, String marker, int[] window, String... args) throws Exception {
        int maxDelayMs = window[0];
        Path stderr = Files.createTempFile(dir, "stderr-", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString(), "--config", config.toString(), "-v"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMDR_"));
        builder.environment().put("PROMDR_STATE_DIR", dir.resolve("state").toString());
        builder.environment().put("HOME", dir.toString());
        int delay = random.nextInt(maxDelayMs + 1);
        long started = System.nanoTime();
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && !read(stderr).contains(marker)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("promdr never logged \"" + marker + "\"\n" + read(stderr));
            }
            Thread.sleep(20);
        }
        long toMarker = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long markerSeen = System.nanoTime();
        if (process.isAlive()) {
            process.waitFor(delay, TimeUnit.MILLISECONDS);
        }
        boolean killedAlive = process.isAlive();
        if (!killedAlive) {
            window[0] = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - markerSeen));
        }
        process.destroyForcibly(); // SIGKILL
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = read(stderr);
        String phase = err.contains("committed:") ? "after the manifest commit"
                : err.contains("uploaded:") ? "during the block uploads"
                : err.contains("read and verified") ? "during the block downloads"
                : "before the first block was written or the manifest committed";
        return (killedAlive ? "killed " + delay + " ms after \"" + marker + "\", " + phase : "finished before the kill")
                + " (jar start to marker " + toMarker + " ms)";
    }

    /** Objects already read and found as recorded: each is checked once, they never change (content-addressed keys). */
    private final Set<String> verified = new java.util.HashSet<>();

    /** Every block of every committed manifest is stored with the recorded size and SHA-256. */
    private void assertEveryBackupComplete(String uri) throws Exception {
        try (ObjectStore store = ObjectStores.open(uri, S3.settings())) {
            Repository repository = Repository.open(store);
            for (Manifest manifest : repository.listManifests(null)) {
                // Composed blocks (Prometheus compacts between runs) are checked through their parts.
                for (BlockRecord block : manifest.storedBlocks()) {
                    if (!verified.add(block.object().key() + " " + block.object().sha256())) {
                        continue;
                    }
                    try (InputStream in = store.get(block.object().key())) {
                        byte[] bytes = in.readAllBytes();
                        assertThat(bytes.length).as(block.object().key()).isEqualTo(block.object().size());
                        assertThat(sha256(bytes)).as(block.object().key()).isEqualTo(block.object().sha256());
                    }
                }
            }
        }
    }

    /** A killed restore may leave some blocks in its target, never a partial or different one. */
    private static void assertOnlyCompleteBlocks(String uri, Path target) throws Exception {
        if (!Files.exists(target)) {
            return;
        }
        Map<String, BlockRecord> blocks = latestBlocks(uri);
        try (Stream<Path> entries = Files.list(target)) {
            for (Path entry : entries.toList()) {
                BlockRecord block = blocks.get(entry.getFileName().toString());
                assertThat(block).as("unexpected entry in the restore target: " + entry).isNotNull();
                assertThat(fileHashes(entry)).as(entry.toString()).isEqualTo(expectedHashes(block));
            }
        }
    }

    private static void assertCompleteRestore(String uri, Path target) throws Exception {
        Map<String, BlockRecord> blocks = latestBlocks(uri);
        Set<String> restored;
        try (Stream<Path> entries = Files.list(target)) {
            restored = entries.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(restored).isEqualTo(new TreeSet<>(blocks.keySet()));
        for (BlockRecord block : blocks.values()) {
            assertThat(fileHashes(target.resolve(block.ulid()))).isEqualTo(expectedHashes(block));
        }
    }

    private static Map<String, BlockRecord> latestBlocks(String uri) throws IOException {
        try (ObjectStore store = ObjectStores.open(uri, S3.settings())) {
            List<Manifest> manifests = Repository.open(store).listManifests(null);
            Manifest latest = manifests.stream().max((a, b) -> a.backupId().compareTo(b.backupId())).orElseThrow();
            // What a restore writes: composed blocks stand for their parts.
            return latest.storedBlocks().stream().collect(Collectors.toMap(BlockRecord::ulid, b -> b));
        }
    }

    private static Map<String, String> expectedHashes(BlockRecord block) {
        return block.files().stream().collect(Collectors.toMap(FileRecord::path, FileRecord::sha256, (a, b) -> a, java.util.TreeMap::new));
    }

    private static Map<String, String> fileHashes(Path blockDir) throws Exception {
        Map<String, String> hashes = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(blockDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(blockDir.relativize(file).toString().replace('\\', '/'), sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    private static Set<String> keys(String uri) throws IOException {
        try (ObjectStore store = ObjectStores.open(S3ProxyServer.repositoryUri(uri.substring(5, uri.indexOf('/', 5)), ""), S3.settings())) {
            return store.list("").stream().map(ObjectInfo::key).collect(Collectors.toSet());
        }
    }

    private static List<String> uploadedKeys(Result run) {
        List<String> keys = new ArrayList<>();
        Matcher m = UPLOADED.matcher(run.all());
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private List<Path> stagingDirs(Path target) throws IOException {
        try (Stream<Path> entries = Files.list(target.getParent())) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".promdr-restore-" + target.getFileName() + "-")).toList();
        }
    }

    private List<Path> snapshots() throws IOException {
        Path snapshots = prometheus.dataDir().resolve("snapshots");
        if (!Files.exists(snapshots)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(snapshots)) {
            return entries.toList();
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("promdr.jar", "target/promdr.jar"));
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        return jar;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
