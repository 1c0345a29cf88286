package io.promdr.cli;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code promdr.jar} as users run it ({@code java -jar}): the version comes from the
 * manifest the Maven build writes, the process exit code and streams are the documented ones, and
 * S3 credentials come from the real process environment (the AWS SDK's standard chain).
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

    @Test
    void s3CredentialsComeFromTheStandardAwsEnvironmentWhenTheConfigHasNone() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.started()) {
            String uri = S3ProxyServer.repositoryUri(s3.bucket(), "from-env");
            Map<String, String> env = Map.of("PROMDR_REPOSITORY", uri, "PROMDR_S3_ENDPOINT", s3.endpoint().toString(),
                    "PROMDR_S3_PATH_STYLE", "true", "AWS_REGION", S3ProxyServer.REGION,
                    "AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey());

            Run init = run(env, "init");
            Run list = run(env, "list", "-o", "json");
            String wrongSecret = "wrong-env-secret-0123456789";
            Map<String, String> wrong = new HashMap<>(env);
            wrong.put("AWS_SECRET_ACCESS_KEY", wrongSecret);
            Run denied = run(wrong, "list");

            assertThat(init.exit).as(init.toString()).isZero();
            assertThat(list.exit).as(list.toString()).isZero();
            assertThat(list.out.strip()).isEqualTo("[ ]");
            assertThat(denied.exit).as(denied.toString()).isEqualTo(ErrorCode.ACCESS_DENIED.exitCode());
            assertThat(denied.err.lines().toList()).as(denied.toString()).hasSize(1);
            for (Run r : List.of(init, list, denied)) {
                assertThat(r.out + r.err).doesNotContain(s3.secretKey()).doesNotContain(wrongSecret);
            }
        }
    }

    @Test
    void anEncryptedRepositoryNeedsItsKeyAndTheKeyIsNeverPrinted() throws Exception {
        Path repo = dir.resolve("encrypted");
        Path keyFile = dir.resolve("repo.key");
        Run generate = run("key", "generate", "--output", keyFile.toString());
        String key = Files.readString(keyFile).strip();
        Run init = run("init", "--repository", repo.toString(), "--encryption-key-file", keyFile.toString());
        Run missing = run("list", "--repository", repo.toString());
        Run list = run(Map.of("PROMDR_ENCRYPTION_KEY", key), "list", "--repository", repo.toString(), "-o", "json");

        assertThat(generate.exit).as(generate.toString()).isZero();
        assertThat(Files.getPosixFilePermissions(keyFile)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(init.exit).as(init.toString()).isZero();
        assertThat(init.out).startsWith("initialised encrypted repository ");
        assertThat(missing.exit).as(missing.toString()).isEqualTo(ErrorCode.ENCRYPTION_KEY_MISSING.exitCode());
        assertThat(missing.err).startsWith("error: repository ").contains("is encrypted").endsWith("\n");
        assertThat(missing.err.lines().toList()).hasSize(1);
        assertThat(list.exit).as(list.toString()).isZero();
        assertThat(list.out.strip()).isEqualTo("[ ]");
        for (Run r : List.of(generate, init, missing, list)) {
            assertThat(r.out + r.err).doesNotContain(key);
        }
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("promdr.jar", "target/promdr.jar"));
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMDR_") || name.startsWith("AWS_"));
        builder.environment().put("PROMDR_STATE_DIR", dir.resolve("state").toString());
        // No shared credentials or config file of this machine's user: only what the test gives.
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        builder.environment().put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        builder.environment().putAll(env);
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
