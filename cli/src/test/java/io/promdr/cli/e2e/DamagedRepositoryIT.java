package io.promdr.cli.e2e;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repository damaged after the backup (a flipped byte, a broken or future manifest), seen
 * through the CLI: the documented exit code, one line that names the damaged object, and
 * nothing written into the restore target.
 */
class DamagedRepositoryIT {
    @TempDir
    static Path shared;
    static PrometheusServer source;

    @TempDir
    Path dir;
    private Path repository;
    private CliRunner cli;
    private String backupId;

    @BeforeAll
    static void startSource() {
        TsdbTestData.Expected data = TsdbTestData.generate(shared.resolve("generated"), 10, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("prometheus-data"));
        source = PrometheusServer.start(shared.resolve("prometheus-data"));
    }

    @AfterAll
    static void stopSource() {
        if (source != null) {
            source.close();
        }
    }

    @BeforeEach
    void backUp() {
        repository = dir.resolve("repository");
        cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_REPOSITORY", repository.toUri().toString(),
                "PROMDR_STATE_DIR", dir.resolve("state").toString()));
        assertThat(cli.run("init").exitCode()).isZero();
        Result backup = cli.run("backup", "--prometheus", source.baseUrl().toString(), "--data-dir",
                source.dataDir().toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        backupId = backup.out().replaceAll("(?s)^backup (\\S+) .*", "$1");
        assertThat(backupId).matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}");
    }

    @Test
    void aFlippedByteInABlockObjectFailsTheRestoreAndLeavesNoTarget() throws IOException {
        Path object = blockObjects().get(0);
        byte[] bytes = Files.readAllBytes(object);
        bytes[bytes.length / 2] ^= (byte) 0xFF;
        Files.write(object, bytes);
        Path target = dir.resolve("restored");

        Result r = cli.run("restore", "latest", "--to", target.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH.exitCode());
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).contains(object.getParent().getFileName().toString()).contains("hint:");
        assertThat(target).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".promdr-restore"));
        }
    }

    @Test
    void aBrokenManifestIsNamedWhileTheOtherBackupsStillList() throws IOException {
        Path manifest = repository.resolve("backups/default/" + backupId + ".json");
        Result second = cli.run("backup", "--prometheus", source.baseUrl().toString(), "--data-dir",
                source.dataDir().toString());
        assertThat(second.exitCode()).as(second.toString()).isZero();
        Files.writeString(manifest, "{\"formatVersion\": 1, \"backupId\": ", StandardCharsets.UTF_8);

        Result list = cli.run("list");

        assertThat(list.exitCode()).as(list.toString()).isEqualTo(ErrorCode.MANIFEST_UNREADABLE.exitCode());
        assertThat(list.out().lines().toList()).as(list.toString()).hasSize(2); // header + the intact backup
        assertThat(list.err()).contains("warning: manifest backups/default/" + backupId + ".json");
        Result show = cli.run("show", backupId);
        assertThat(show.exitCode()).as(show.toString()).isEqualTo(ErrorCode.MANIFEST_UNREADABLE.exitCode());
        assertThat(show.err().lines().toList()).as(show.toString()).hasSize(1);
    }

    @Test
    void aManifestOfANewerFormatIsRefusedWithAnUpgradeHint() throws IOException {
        Path manifest = repository.resolve("backups/default/" + backupId + ".json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"formatVersion\" : 1", "\"formatVersion\" : 3"));
        Path target = dir.resolve("restored");

        Result r = cli.run("restore", backupId, "--to", target.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED.exitCode());
        assertThat(r.err()).contains("format version 3").contains("upgrade promdr");
        assertThat(target).doesNotExist();
    }

    private List<Path> blockObjects() throws IOException {
        try (Stream<Path> files = Files.walk(repository.resolve("blocks"))) {
            return files.filter(p -> p.toString().endsWith(".tar.zst")).sorted().toList();
        }
    }
}
