package io.promdr.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of {@code bench/run.sh}: the benchmark itself takes minutes and is not part of the
 * suite, but its argument parsing is, so that a broken script shows up here and not on the next
 * benchmark day. Parsing happens before anything is installed or started.
 */
class BenchScriptTest {
    private static final Path SCRIPT = Path.of("..", "bench", "run.sh").toAbsolutePath().normalize();

    record Result(int exitCode, String stdout, String stderr) {
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("bench/run.sh [small|large] [--runs N]")
                .contains("PROMDR_BENCH_CACHE").doesNotContain("set -euo");
    }

    @Test
    void anUnknownArgumentIsAUsageErrorNamingIt() throws Exception {
        Result result = run("huge");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("run.sh: unknown argument 'huge'").contains("bench/run.sh [small|large]");
    }

    @Test
    void runsNeedsAPositiveNumber() throws Exception {
        assertThat(run("large", "--runs", "0").exitCode()).isEqualTo(2);
        assertThat(run("--runs").stderr()).contains("--runs needs a positive number");
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        assertThat(SCRIPT).isRegularFile();
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Path out = Files.createTempFile("bench-out", ".txt");
        Path err = Files.createTempFile("bench-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("bench/run.sh returns at once").isTrue();
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
