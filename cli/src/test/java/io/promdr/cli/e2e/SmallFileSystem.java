package io.promdr.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real, small file system for "no space left on device" tests: a tmpfs of a chosen size mounted
 * on a test directory, unmounted by {@link #close}. Mounting needs root, as the test suite has on
 * the build machines and in CI; elsewhere run the suite in a user and mount namespace where it
 * is root, {@code unshare --user --map-root-user --mount mvn ...}. Fails (never skips) when the
 * mount cannot be made.
 */
final class SmallFileSystem implements AutoCloseable {
    private final Path dir;

    private SmallFileSystem(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code bytes} (rounded up to pages by the kernel) on {@code dir}, created when missing. */
    static SmallFileSystem mount(Path dir, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs", dir.toString());
        return new SmallFileSystem(dir);
    }

    Path dir() {
        return dir;
    }

    /** Changes the size; {@code bytes} must hold what is already stored. */
    void resize(long bytes) throws IOException, InterruptedException {
        run("mount", "-o", "remount,size=" + bytes, dir.toString());
    }

    long usable() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    long total() throws IOException {
        return Files.getFileStore(dir).getTotalSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", dir.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + " failed: " + output.trim()
                + " (mounting a tmpfs needs root: run the tests as root, or under `unshare --user --map-root-user --mount`)")
                .isZero();
    }
}
