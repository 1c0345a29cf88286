package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/restore-by-hand.sh, the documented way back without promdr: it must restore exactly the
 * bytes {@code promdr restore} restores, from a file:// and from an S3 repository (real AWS CLI
 * against S3Proxy), and refuse a damaged backup before anything lands in the target.
 */
class HandRestoreIT {
    private static final String[] NO_COMPACTION = {"--storage.tsdb.min-block-duration=2h",
            "--storage.tsdb.max-block-duration=2h"};
    private static final long SCRIPT_TIMEOUT_S = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    static Path shared;

    static TsdbTestData.Expected data;
    static PrometheusServer prometheus;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPrometheus() {
        data = TsdbTestData.generate(shared.resolve("generated"), 10, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("prometheus-data"));
        prometheus = PrometheusServer.builder(shared.resolve("prometheus-data")).extraArgs(NO_COMPACTION).start();
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void restoresFromAFileRepositoryExactlyWhatPromdrRestores() throws Exception {
        String repository = "file://" + dir.resolve("repo").toAbsolutePath();
        CliRunner cli = cli();
        String id = backup(cli, repository);

        Path byHand = dir.resolve("by-hand");
        Script script = runScript(Map.of(), repository, "latest", byHand.toString());
        assertThat(script.exitCode()).as(script.toString()).isZero();
        assertThat(script.out()).contains("restored backup " + id);

        assertSameAsPromdrRestore(cli, repository, id, byHand);
    }

    @Test
    void restoresFromAnS3RepositoryWithTheAwsCli() throws Exception {
        String repository = S3ProxyServer.repositoryUri(S3.newBucket(), "prod/prometheus");
        CliRunner cli = cli().env("PROMDR_CONFIG", EndToEndSupport.s3Config(dir, S3, repository, S3.secretKey()).toString());
        String id = backup(cli, repository);

        // Path style: S3Proxy has no per-bucket host names. Recent AWS CLIs ask for response checksums
        // (x-amz-checksum-mode) by default, which S3Proxy refuses; older ones ignore the setting.
        Path awsConfig = Files.writeString(dir.resolve("aws-config"), """
                [default]
                response_checksum_validation = when_required
                s3 =
                  addressing_style = path
                """);
        Map<String, String> aws = Map.of("AWS_ENDPOINT_URL", S3.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", S3.accessKey(), "AWS_SECRET_ACCESS_KEY", S3.secretKey(),
                "AWS_REGION", S3ProxyServer.REGION, "AWS_DEFAULT_REGION", S3ProxyServer.REGION,
                "AWS_CONFIG_FILE", awsConfig.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        Path byHand = dir.resolve("by-hand");
        Script script = runScript(aws, repository, "latest", byHand.toString());
        assertThat(script.exitCode()).as(script.toString()).isZero();
        assertThat(script.out()).contains("restored backup " + id);

        assertSameAsPromdrRestore(cli, repository, id, byHand);
    }

    @Test
    void refusesANonEmptyTargetAndADamagedBackupLeavingTheTargetEmpty() throws Exception {
        Path repo = dir.resolve("repo");
        String repository = repo.toAbsolutePath().toString();
        String id = backup(cli(), repository);

        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("keep-me"), "data");
        assertFailsWith(runScript(Map.of(), repository, id, busy.toString()), "target " + busy + " is not empty");
        assertThat(TestFiles.names(busy)).containsExactly("keep-me");

        // A manifest whose file list disagrees with the (intact) objects: caught after extraction, in staging.
        Path manifest = repo.resolve("backups/default/" + id + ".json");
        String intactManifest = Files.readString(manifest);
        ObjectNode tampered = (ObjectNode) JSON.readTree(intactManifest);
        ObjectNode index = (ObjectNode) tampered.path("blocks").get(0).path("files").get(1);
        index.put("sha256", "0".repeat(64));
        Files.writeString(manifest, JSON.writeValueAsString(tampered));
        Path target = dir.resolve("target");
        String block = tampered.path("blocks").get(0).path("ulid").asText();
        assertFailsWith(runScript(Map.of(), repository, id, target.toString()),
                "extracted files differ from the manifest", block + "/" + index.path("path").asText());
        assertThat(TestFiles.names(target)).isEmpty();
        Files.writeString(manifest, intactManifest);

        // One flipped byte in a block object: refused by its SHA-256, before it is extracted.
        String key = tampered.path("blocks").get(1).path("object").path("key").asText();
        Path object = repo.resolve(key);
        byte[] bytes = Files.readAllBytes(object);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(object, bytes);
        assertFailsWith(runScript(Map.of(), repository, id, target.toString()), "object " + key + " has SHA-256 ");
        assertThat(TestFiles.names(target)).isEmpty();
        try (Stream<Path> all = Files.walk(target)) {
            assertThat(all.skip(1).toList()).as("nothing extracted, no staging left behind").isEmpty();
        }
    }

    /** promdr init + backup into {@code repository}; returns the backup id. */
    private String backup(CliRunner cli, String repository) {
        ok(cli, "init", "--repository", repository);
        Result backup = ok(cli, "backup", "--repository", repository, "--prometheus", prometheus.baseUrl().toString(),
                "--data-dir", prometheus.dataDir().toString());
        return EndToEndSupport.backupIdIn(backup);
    }

    /** The script's blocks hold the same files with the same SHA-256 as what {@code promdr restore} writes. */
    private void assertSameAsPromdrRestore(CliRunner cli, String repository, String id, Path byHand) {
        Path byPromdr = dir.resolve("by-promdr");
        ok(cli, "restore", id, "--repository", repository, "--to", byPromdr.toString());
        assertThat(TestFiles.names(byHand)).containsAll(data.ulids()).isEqualTo(TestFiles.names(byPromdr));
        assertThat(TestFiles.sha256Tree(byHand)).isNotEmpty().isEqualTo(TestFiles.sha256Tree(byPromdr));
    }

    private static void assertFailsWith(Script script, String... messageParts) {
        assertThat(script.exitCode()).as(script.toString()).isEqualTo(1);
        assertThat(script.err().lines().toList()).as(script.toString()).hasSize(1);
        assertThat(script.err()).as(script.toString()).startsWith("restore-by-hand: error: ").contains(messageParts);
    }

    private Result ok(CliRunner cli, String... args) {
        Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private CliRunner cli() {
        return new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }

    /** What one run of the script printed and returned. */
    private record Script(List<String> args, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "restore-by-hand.sh " + String.join(" ", args) + " -> exit " + exitCode
                    + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code bash scripts/restore-by-hand.sh ARGS} with no AWS settings but {@code env}. */
    private Script runScript(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", projectRoot().resolve("scripts/restore-by-hand.sh").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "script-", ".out");
        Path err = Files.createTempFile(dir, "script-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // The machine's AWS settings and profile must not leak in.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("restore-by-hand.sh did not finish within " + SCRIPT_TIMEOUT_S + " s");
        }
        Script script = new Script(List.of(args), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        System.err.println("$ " + script.toString().lines().findFirst().orElse(""));
        return script;
    }

    /** The first directory, from the working directory up, that holds scripts/restore-by-hand.sh. */
    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/restore-by-hand.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("scripts/restore-by-hand.sh not found above " + Path.of("").toAbsolutePath());
    }
}
