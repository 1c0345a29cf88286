package io.promdr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code promdr.jar} as users run it ({@code java -jar}): the version comes from the
 * manifest the Maven build writes, and the process exit code and streams are the documented ones.
 */
class ExecutableJarIT {
    @TempDir
    Path dir;

    @Test
    void versionComesFromTheJarManifest() throws Exception {
        Run r = run("--version");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).startsWith("promdr " + System.getProperty("promdr.version") + "\n");
        assertThat(r.err).isEmpty();
    }

    @Test
    void usageErrorExitsWithTwoAndOneLineWithoutFrameworkNoise() throws Exception {
        Run r = run("list");
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err).isEqualTo("error: no repository given — hint: pass --repository or set repository.uri in the"
                + " config (or PROMDR_REPOSITORY)\n");
    }

    @Test
    void initAndListAFileRepository() throws Exception {
        Path repo = dir.resolve("repo");
        Run init = run("init", "--repository", repo.toString());
        assertThat(init.exit).as(init.toString()).isZero();
        Run list = run("list", "--repository", repo.toString(), "-o", "json");
        assertThat(list.exit).as(list.toString()).isZero();
        assertThat(list.out.strip()).isEqualTo("[ ]");
        assertThat(list.err).isEmpty();
    }

    private Run run(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("promdr.jar", "target/promdr.jar"));
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMDR_"));
        builder.environment().put("PROMDR_STATE_DIR", dir.resolve("state").toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promdr " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {
    }
}
