package io.promdr.cli.launch;

import io.promdr.core.error.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher script ({@code src/main/dist/promdr}, copied to {@code target/promdr} by the build) next
 * to the packaged jar, as installed: it
 * prepares its cache (extracted jar + class-data archive), then answers exactly as
 * {@code java -jar promdr.jar} does: same output, same exit codes, nothing from the JVM on stdout.
 */
class LauncherIT {
    /** One start-up cache for all tests, as on a machine: the training run (tens of seconds) happens once. */
    @TempDir
    static Path sharedCache;
    @TempDir
    Path dir;
    private Path bin;
    private Path cache;

    @BeforeEach
    void install() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        Path jar = Path.of(System.getProperty("promdr.jar", "target/promdr.jar"));
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        // The build puts the launcher next to the jar, executable (cli/pom.xml): install both as they are.
        Path launcher = jar.resolveSibling("promdr");
        assertThat(launcher).as("the launcher copied by the build").isExecutable();
        Files.copy(jar, bin.resolve("promdr.jar"));
        Files.copy(launcher, bin.resolve("promdr"), StandardCopyOption.COPY_ATTRIBUTES);
        cache = sharedCache.resolve("cache");
    }

    @Test
    void preparesItsCacheOnceAndAnswersLikeTheJar() throws Exception {
        Run prepare = launcher(Map.of(), "--launcher-prepare");
        assertThat(prepare.exit).as(prepare.toString()).isZero();
        assertThat(prepare.out + prepare.err).isEmpty();
        try (Stream<Path> archives = Files.walk(cache)) {
            assertThat(archives.filter(p -> p.getFileName().toString().equals("promdr.jsa"))).hasSize(1);
        }

        // -Xshare:on makes the JVM fail instead of silently running without an archive it cannot map.
        Run shared = launcher(Map.of("PROMDR_JAVA_OPTS", "-Xshare:on"), "--version");
        assertThat(shared).as("the archive maps").isEqualTo(jar("--version"));

        Map<List<String>, Integer> expectedExits = Map.of(List.of("--version"), 0, List.of("--help"), 0,
                List.of("restore", "--no-such-option"), ErrorCode.USAGE.exitCode(), List.of("history"), 0);
        expectedExits.forEach((args, exit) -> {
            Run viaLauncher = launcher(Map.of(), args.toArray(String[]::new));
            Run viaJar = jar(args.toArray(String[]::new));
            assertThat(viaLauncher).as(String.join(" ", args)).isEqualTo(viaJar);
            assertThat(viaLauncher.exit).as(viaLauncher.toString()).isEqualTo(exit);
        });
    }

    @Test
    void runsRealCommandsOnAFileRepository() throws Exception {
        String repo = dir.resolve("repo").toString();
        // Prepared first, so that no background training outlives the test (idempotent: at once if done).
        assertThat(launcher(Map.of(), "--launcher-prepare").exit).isZero();

        Run init = launcher(Map.of(), "init", "--repository", repo);
        Run list = launcher(Map.of(), "list", "--repository", repo, "-o", "json");
        Run verify = launcher(Map.of(), "verify", "latest", "--repository", repo);

        assertThat(init.exit).as(init.toString()).isZero();
        assertThat(init.out).startsWith("initialised repository ");
        assertThat(list.exit).as(list.toString()).isZero();
        assertThat(list.out.strip()).isEqualTo("[ ]");
        assertThat(list.err).isEmpty();
        assertThat(verify.exit).as(verify.toString()).isEqualTo(ErrorCode.BACKUP_NOT_FOUND.exitCode());
        assertThat(verify.out).isEmpty();
    }

    @Test
    void withoutAWritableCacheItRunsThePlainJar() throws Exception {
        cache = dir.resolve("not-a-directory");
        Files.writeString(cache, "a file where the cache directory should be");

        Run version = launcher(Map.of(), "--version");
        Run off = launcher(Map.of("PROMDR_APP_CACHE", "off"), "--version");
        Run prepare = launcher(Map.of(), "--launcher-prepare");

        assertThat(version).isEqualTo(jar("--version"));
        assertThat(off).isEqualTo(version);
        assertThat(prepare.exit).isEqualTo(ErrorCode.LAUNCHER_CACHE_UNAVAILABLE.exitCode());
        assertThat(prepare.err).startsWith("error: could not prepare the start-up cache").contains("hint:");
    }

    @Test
    void saysWhatIsMissing() throws Exception {
        Run noJar = launcher(Map.of("PROMDR_JAR", dir.resolve("nowhere.jar").toString()), "--version");
        Run noJava = launcher(Map.of("JAVA_HOME", dir.resolve("no-java").toString()), "--version");

        assertThat(noJar.exit).isEqualTo(ErrorCode.LAUNCHER_JAR_NOT_FOUND.exitCode());
        assertThat(noJar.err).contains("nowhere.jar").contains("hint:");
        assertThat(noJava.exit).isEqualTo(ErrorCode.LAUNCHER_JAVA_NOT_FOUND.exitCode());
        assertThat(noJava.err).contains("hint:");
    }

    private Run launcher(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("promdr").toString()));
        command.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(Map.of("PROMDR_APP_CACHE", cache.toString(),
                "JAVA_HOME", System.getProperty("java.home")));
        all.putAll(env);
        return run(command, all);
    }

    private Run jar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", bin.resolve("promdr.jar").toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    private Run run(List<String> command, Map<String, String> env) {
        try {
            return start(command, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Run start(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMDR_") || name.startsWith("JAVA_")
                || name.equals("JDK_JAVA_OPTIONS"));
        builder.environment().put("PROMDR_STATE_DIR", dir.resolve("state").toString());
        builder.environment().put("PROMDR_PROGRESS", "none");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {
    }
}
