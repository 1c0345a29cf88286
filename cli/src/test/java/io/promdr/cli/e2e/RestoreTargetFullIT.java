package io.promdr.cli.e2e;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.fs.RunDirectories;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No space left on the restore target, on a real full file system (a small tmpfs, see
 * {@link SmallFileSystem}): the free-space check before the first download, and the operating
 * system's ENOSPC in the middle of a download when the check passed. Both end with one error line,
 * exit code 42, the target exactly as it was and no staging directory; and a staging directory a
 * killed restore left inside a mount-point target does not count as content and is removed.
 */
class RestoreTargetFullIT {
    private static final long PAGE = 4096;

    @TempDir
    static Path shared;
    static PrometheusServer prometheus;
    static String repository;
    static Manifest manifest;

    @TempDir
    Path dir;

    @BeforeAll
    static void backup() throws Exception {
        TsdbTestData.Expected data = TsdbTestData.generate(shared.resolve("generated"), 40, 6, 30);
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("prometheus-data"));
        prometheus = PrometheusServer.start(shared.resolve("prometheus-data"));
        repository = "file://" + shared.resolve("repo").toAbsolutePath();
        CliRunner cli = cli(shared);
        ok(cli, "init", "--repository", repository);
        ok(cli, "backup", "--repository", repository, "--prometheus", prometheus.baseUrl().toString(),
                "--data-dir", prometheus.dataDir().toString());
        try (ObjectStore store = ObjectStores.open(repository, null)) {
            List<Manifest> manifests = Repository.open(store).listManifests(null);
            assertThat(manifests).hasSize(1);
            manifest = manifests.get(0);
        }
        assertThat(manifest.blocks()).hasSizeGreaterThan(1);
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void tooSmallFailsBeforeTheFirstDownloadAndLeavesTheMountPointEmpty() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(dir.resolve("mnt"), 4 * PAGE)) {
            Path target = fs.dir(); // a mount point: the staging directory would go inside it
            assertThat(fs.usable()).isLessThan(manifest.totalFilesSize());
            Result r = cli(dir).run("restore", "latest", "--repository", repository, "--to", target.toString());

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.RESTORE_TARGET_FULL.exitCode());
            assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).contains("error: restore target " + target + " has ")
                    .contains("the restore needs at least ").contains(manifest.totalFilesSize() + " bytes")
                    .contains("hint: free space on that file system");
            assertThat(r.err()).doesNotContain("read and verified");
            assertThat(TestFiles.names(target)).isEmpty();
        }
    }

    @Test
    void fullDuringTheDownloadLeavesAnExistingTargetAsItWas() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(dir.resolve("mnt"), 16L << 20)) {
            Path target = Files.createDirectories(fs.dir().resolve("data"));
            Files.writeString(target.resolve("notes.txt"), "the user's own file\n");
            Map<String, String> before = TestFiles.sha256Tree(target);
            // Just enough for the check, which counts file bytes, but not for the pages the files take.
            long estimate = manifest.totalFilesSize();
            long room = roundUp(estimate) + 2 * PAGE;
            assertThat(room).as("the tmpfs must be too small for the restored pages").isLessThan(pages(manifest) - 2 * PAGE);
            fs.resize(fs.total() - fs.usable() + room);
            assertThat(fs.usable()).isBetween(estimate, pages(manifest) - 1);

            Result r = cli(dir).run("restore", "latest", "--repository", repository, "--to", target.toString(), "--merge");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.RESTORE_TARGET_FULL.exitCode());
            assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).contains("error: no space left on the file system of restore target " + target)
                    .contains("needs at least ").contains(estimate + " bytes").contains("nothing was activated")
                    .contains("hint: free space on that file system");
            assertThat(TestFiles.sha256Tree(target)).isEqualTo(before);
            assertThat(TestFiles.names(fs.dir())).containsExactly("data");

            // With room, the same restore completes, byte-identical.
            fs.resize(32L << 20);
            Result again = cli(dir).run("restore", "latest", "--repository", repository, "--to", target.toString(), "--merge");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(TestFiles.sha256Tree(target)).containsAllEntriesOf(before).containsAllEntriesOf(expectedFiles());
            assertThat(TestFiles.names(fs.dir())).containsExactly("data");
        }
    }

    @Test
    void stagingLeftInsideAMountPointTargetIsNoContentAndIsRemoved() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(dir.resolve("mnt"), 32L << 20)) {
            Path target = fs.dir();
            // As a restore killed mid-download leaves it: its marker, no lock held any more, a partial block.
            Path leftover = RunDirectories.create(target.resolve(".promdr-restore-mnt-0123abcd"), "restore staging directory of " + target);
            Files.writeString(Files.createDirectories(leftover.resolve(manifest.blocks().get(0).ulid())).resolve("index"), "partial");
            RunDirectories.release(leftover);

            Result r = cli(dir).run("restore", "latest", "--repository", repository, "--to", target.toString());

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("Removed staging directory " + leftover + " left by an interrupted restore");
            assertThat(TestFiles.sha256Tree(target)).isEqualTo(expectedFiles());
        }
    }

    private static Map<String, String> expectedFiles() {
        Map<String, String> files = new java.util.TreeMap<>();
        for (BlockRecord block : manifest.blocks()) {
            for (FileRecord file : block.files()) {
                files.put(block.ulid() + "/" + file.path(), file.sha256());
            }
        }
        return files;
    }

    /** What the block files take on a tmpfs: every file rounded up to whole pages. */
    private static long pages(Manifest manifest) {
        return manifest.blocks().stream().flatMap(b -> b.files().stream()).mapToLong(f -> roundUp(f.size())).sum();
    }

    private static long roundUp(long bytes) {
        return (bytes + PAGE - 1) / PAGE * PAGE;
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
