package io.promdr.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar ({@code cli/target/promdr.jar}) as a process that a test kills with SIGKILL
 * (no shutdown hook, no cleanup: what an OOM kill or a lost node does), with its stderr in a file.
 */
final class KillableJar implements AutoCloseable {
    private final Process process;
    private final Path stderr;

    private KillableJar(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Starts {@code promdr args...} with {@code home} as HOME and {@code home/state} as state directory. */
    static KillableJar start(Path home, List<String> args) throws IOException {
        Path stderr = Files.createTempFile(home, "stderr-", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMDR_"));
        builder.environment().put("PROMDR_STATE_DIR", home.resolve("state").toString());
        builder.environment().put("PROMDR_PROGRESS", "none");
        builder.environment().put("HOME", home.toString());
        return new KillableJar(builder.start(), stderr);
    }

    /**
     * Polls {@code condition} (every millisecond: the phases to hit can be short) until it holds or
     * the process ends; true when it held while the process was still running.
     */
    boolean awaitWhileRunning(BooleanSupplier condition, long timeoutSeconds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (process.isAlive()) {
            if (condition.getAsBoolean()) {
                return process.isAlive();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition never held within " + timeoutSeconds + " s\n" + stderr());
            }
            Thread.sleep(1);
        }
        return false;
    }

    /** Waits until the process logged {@code marker}; false when it ended first. */
    boolean awaitLog(String marker, long timeoutSeconds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (process.isAlive() && !stderr().contains(marker)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("promdr never logged \"" + marker + "\"\n" + stderr());
            }
            Thread.sleep(5);
        }
        return process.isAlive();
    }

    /** Waits up to {@code millis}, then kills with SIGKILL; true when the process was still running. */
    boolean killAfter(long millis) throws InterruptedException {
        if (millis > 0) {
            process.waitFor(millis, TimeUnit.MILLISECONDS);
        }
        boolean alive = process.isAlive();
        process.destroyForcibly(); // SIGKILL on Linux
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return alive;
    }

    /** Waits for the end of a run that is not killed; returns its exit code. */
    int awaitExit(long timeoutSeconds) throws InterruptedException {
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("promdr ended in time").isTrue();
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("promdr.jar", "target/promdr.jar"));
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        return jar;
    }
}
