package io.promdr.cli.e2e;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.fs.RunDirectories;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a restore or a drill killed with SIGKILL leaves behind (its staging or scratch directory:
 * no cleanup code runs), and the next run into the same place removing it with one warning line:
 * the packaged jar is killed while its directory exists, then the command is run again. A
 * directory of the same name without promdr's marker is never touched.
 */
class KilledRunLeftoversIT {
    private static final int ATTEMPTS = 3;

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    static Path shared;
    static PrometheusServer prometheus;
    static Path config;
    static Manifest manifest;

    @TempDir
    Path dir;

    @BeforeAll
    static void backup() throws Exception {
        TsdbTestData.Expected data = TsdbTestData.generate(shared.resolve("generated"), 100, 8, 30);
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("prometheus-data"));
        prometheus = PrometheusServer.start(shared.resolve("prometheus-data"));
        String uri = S3ProxyServer.repositoryUri(S3.newBucket(), "leftovers");
        config = EndToEndSupport.s3Config(shared, S3, uri, S3.secretKey());
        CliRunner cli = cli(shared);
        ok(cli, "--config", config.toString(), "init");
        ok(cli, "--config", config.toString(), "backup", "--prometheus", prometheus.baseUrl().toString(),
                "--data-dir", prometheus.dataDir().toString());
        try (ObjectStore store = ObjectStores.open(uri, S3.settings())) {
            manifest = Repository.open(store).listManifests(null).get(0);
        }
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @AfterEach
    void noOrphans() {
        // A drill killed during its query check would leave its throwaway Prometheus running: none may survive the test.
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false)).toList();
        orphans.forEach(ProcessHandle::destroyForcibly);
        assertThat(orphans).as("processes left running in the test directory").isEmpty();
    }

    @Test
    void theNextRestoreRemovesTheStagingDirectoryOfAKilledOne() throws Exception {
        Path target = dir.resolve("target");
        Path notPromdrs = Files.createDirectories(dir.resolve(".promdr-restore-target-deadbeef"));
        Files.writeString(notPromdrs.resolve("mine.txt"), "not promdr's: no marker");

        Path leftover = killWhileAppears(dir, ".promdr-restore-target-", "restore", "latest", "--to", target.toString());
        assertThat(leftover).as("the killed restore's staging directory").isDirectory();
        assertThat(leftover.resolve(RunDirectories.MARKER)).isRegularFile();

        Result rerun = cli(dir).run("--config", config.toString(), "restore", "latest", "--to", target.toString(), "--merge");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.err().strip().lines()).as(rerun.toString()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("Removed staging directory " + leftover + " left by an interrupted restore"
                        + " (its process died without removing it)");
        assertThat(TestFiles.sha256Tree(target)).isEqualTo(expectedFiles());
        assertThat(TestFiles.names(dir)).filteredOn(n -> n.startsWith(".promdr-restore-"))
                .containsExactly(notPromdrs.getFileName().toString());
        assertThat(TestFiles.sha256Tree(notPromdrs)).containsOnlyKeys("mine.txt");
    }

    @Test
    void theNextDrillRemovesTheScratchDirectoryOfAKilledOne() throws Exception {
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Path leftover = killWhileAppears(scratch, "promdr-drill-", "drill", "latest", "--scratch", scratch.toString());
        assertThat(leftover.resolve(RunDirectories.MARKER)).isRegularFile();

        Result rerun = cli(dir).run("--config", config.toString(), "drill", "latest", "--scratch", scratch.toString());

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.err()).as(rerun.toString()).containsOnlyOnce("Removed scratch directory " + leftover
                + " left by an interrupted drill (its process died without removing it)");
        assertThat(TestFiles.names(scratch)).isEmpty();
    }

    /**
     * Starts the jar and kills it (SIGKILL) as soon as a directory named {@code prefix}... with
     * promdr's marker appears in {@code parent}; returns that directory. A run that ends before
     * (a fast machine) is tried again, up to {@value #ATTEMPTS} times.
     */
    private Path killWhileAppears(Path parent, String prefix, String... args) throws Exception {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<String> command = new java.util.ArrayList<>(List.of("--config", config.toString()));
            command.addAll(List.of(args));
            try (KillableJar jar = KillableJar.start(dir, command)) {
                Path[] found = new Path[1];
                boolean running = jar.awaitWhileRunning(() -> (found[0] = marked(parent, prefix)) != null, 120);
                if (running && jar.killAfter(0)) {
                    return found[0];
                }
                System.err.println("attempt " + attempt + ": the run ended before it could be killed\n" + jar.stderr());
            }
        }
        throw new AssertionError("the run ended before its directory could be seen " + ATTEMPTS + " times");
    }

    private static Path marked(Path parent, String prefix) {
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix) && RunDirectories.isMarked(p))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> expectedFiles() {
        Map<String, String> files = new TreeMap<>();
        for (BlockRecord block : manifest.blocks()) {
            for (FileRecord file : block.files()) {
                files.put(block.ulid() + "/" + file.path(), file.sha256());
            }
        }
        return files;
    }

    private static CliRunner cli(Path home) {
        return new CliRunner(Map.of("HOME", home.toString(), "PROMDR_STATE_DIR", home.resolve("state").toString()));
    }

    private static Result ok(CliRunner cli, String... args) {
        Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }
}
