package io.promdr.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotLeftoversTest {
    @TempDir
    Path data;

    @Test
    void countsOnlySnapshotsThatStillHaveAPromdrLease() throws IOException {
        assertThat(SnapshotLeftovers.count(data)).as("no snapshots directory").isZero();
        Path snapshots = Files.createDirectories(data.resolve("snapshots"));
        Files.createDirectories(snapshots.resolve("20261203T010000Z-aaaa"));       // promdr's, left behind
        Files.createFile(snapshots.resolve("20261203T010000Z-aaaa" + SnapshotLeases.SUFFIX));
        Files.createDirectories(snapshots.resolve("20261203T020000Z-bbbb"));       // taken by hand: no lease
        Files.createFile(snapshots.resolve("20261203T030000Z-cccc" + SnapshotLeases.SUFFIX)); // lease without snapshot

        assertThat(SnapshotLeftovers.count(data)).isEqualTo(1);
    }
}
