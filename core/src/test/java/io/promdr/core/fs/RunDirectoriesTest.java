package io.promdr.core.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RunDirectoriesTest {
    private static final Pattern NAMES = Pattern.compile("\\.run-[0-9a-f]{8}");

    @TempDir
    Path parent;

    @Test
    void removesOnlyMarkedDirectoriesNoLiveRunHolds() throws Exception {
        Path killed = RunDirectories.create(parent.resolve(".run-0000000a"), "test run");
        Files.writeString(Files.createDirectories(killed.resolve("block/chunks")).resolve("000001"), "data");
        RunDirectories.release(killed); // as the kernel does when the process dies
        Path live = RunDirectories.create(parent.resolve(".run-0000000b"), "test run");
        Path unmarked = Files.createDirectory(parent.resolve(".run-0000000c"));
        Path otherName = RunDirectories.create(parent.resolve(".other-0000000d"), "test run");
        RunDirectories.release(otherName);
        Path kept = RunDirectories.create(parent.resolve(".run-0000000e"), "test run");
        RunDirectories.release(kept);

        assertThat(RunDirectories.removeAbandoned(parent, NAMES, dir -> dir.equals(kept))).containsExactly(killed);

        assertThat(killed).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(unmarked).isDirectory();
        assertThat(otherName).isDirectory();
        assertThat(kept).isDirectory();
        RunDirectories.release(live);
        assertThat(RunDirectories.removeAbandoned(parent, NAMES, dir -> false)).containsExactlyInAnyOrder(live, kept);
        assertThat(unmarked).isDirectory();
    }

    @Test
    void markerDescribesTheRunAndAMissingParentIsNoLeftover() throws Exception {
        Path dir = RunDirectories.create(parent.resolve(".run-00000001"), "restore staging directory of /data");
        assertThat(Files.readString(dir.resolve(RunDirectories.MARKER))).startsWith("promdr restore staging directory of /data, pid ");
        assertThat(RunDirectories.isMarked(dir)).isTrue();
        RunDirectories.release(dir);
        assertThat(RunDirectories.removeAbandoned(parent.resolve("missing"), NAMES, d -> false)).isEmpty();
    }
}
