package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.cli.schema.JsonSchemas;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TreeCopy;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person at a terminal, or a CronJob's log, sees. Progress of backup, restore, drill and
 * verify: log lines when not on a terminal (in-process, stderr captured), nothing with --quiet,
 * stdout JSON untouched (and valid against its schema), and the bar on a real pseudo-terminal:
 * the packaged jar run under util-linux {@code script}, where System.console() exists. Restore's
 * safety rails: no --to explains, --force on a non-empty directory asks on the terminal and
 * needs --yes elsewhere.
 */
class TerminalIT {
    private static final String[] NO_COMPACTION = {"--storage.tsdb.min-block-duration=2h",
            "--storage.tsdb.max-block-duration=2h"};

    @TempDir
    static Path shared;

    static TsdbTestData.Expected data;
    static PrometheusServer source;
    static Path repository;
    static String backupId;

    @TempDir
    Path dir;

    @BeforeAll
    static void backUpOnce() {
        data = TsdbTestData.generate(shared.resolve("generated"), 20, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("prometheus-data"));
        source = PrometheusServer.builder(shared.resolve("prometheus-data")).extraArgs(NO_COMPACTION).start();
        repository = shared.resolve("repo");
        CliRunner cli = new CliRunner(Map.of("HOME", shared.toString(), "PROMDR_STATE_DIR", shared.resolve("state").toString()));
        assertThat(cli.run("init", "--repository", repository.toString()).exitCode()).isZero();
        Result backup = cli.run("backup", "--repository", repository.toString(), "--prometheus", source.baseUrl().toString(),
                "--data-dir", source.dataDir().toString(), "--progress", "log");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        List<String> lines = progressLines(backup.err());
        // Without a terminal: plain lines, first when the first bytes move, last when the backup ends.
        assertThat(lines).first().asString().startsWith("progress: backup ");
        assertThat(lines).last().asString().startsWith("progress: backup finished ")
                .contains("blocks " + data.blockDirs().size() + ",");
        assertThat(backup.err()).doesNotContain("\r");
        backupId = EndToEndSupport.backupIdIn(backup);
    }

    @AfterAll
    static void stop() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void restoreInLogModeShowsTotalsAndEndsAtHundredPercent() {
        Result restore = cli().run("restore", backupId, "--repository", repository.toString(), "--to",
                dir.resolve("restored").toString(), "--progress", "log");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        List<String> lines = progressLines(restore.err());
        int blocks = data.blockDirs().size();
        assertThat(lines.get(0)).startsWith("progress: restore 0 B / ").endsWith("(0%), blocks 0/" + blocks + ", 0 B/s");
        assertThat(lines.get(lines.size() - 1)).startsWith("progress: restore finished ")
                .contains("(100%), blocks " + blocks + "/" + blocks + ",");
        assertThat(restore.out()).startsWith("restored backup " + backupId);
    }

    @Test
    void verboseLogModeNamesEveryBlockAndQuietShowsNothing() {
        Result verbose = cli().run("verify", backupId, "--repository", repository.toString(), "--read-data", "-v",
                "-o", "json");
        assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
        assertThat(progressLines(verbose.err()).stream().filter(l -> l.startsWith("progress: verify done blocks/")))
                .hasSize(data.blockDirs().size());
        // Progress goes to stderr: stdout is exactly the documented JSON.
        JsonSchemas.assertValid("verify", verbose.out());

        Result quiet = cli().run("drill", backupId, "--repository", repository.toString(), "--scratch",
                dir.toString(), "-q", "-o", "json");
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.err()).doesNotContain("progress:");
        JsonSchemas.assertValid("drill", quiet.out());
    }

    @Test
    void listAndShowMatchTheirSchemas() {
        Result list = cli().run("list", "--repository", repository.toString(), "-o", "json");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(JsonSchemas.assertValid("list", list.out())).hasSize(1);
        Result show = cli().run("show", backupId, "--repository", repository.toString(), "-o", "json");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(JsonSchemas.assertValid("manifest", show.out()).path("blocks")).hasSize(data.blockDirs().size());
    }

    @Test
    void failedVerifyAndDrillReportsMatchTheirSchemasToo() throws IOException {
        Path damaged = dir.resolve("damaged-repo");
        TreeCopy.copy(repository, damaged);
        Path object;
        try (var files = Files.walk(damaged.resolve("blocks"))) {
            object = files.filter(f -> f.toString().endsWith(".tar.zst")).findFirst().orElseThrow();
        }
        Files.delete(object);

        Result verify = cli().run("verify", backupId, "--repository", damaged.toString(), "-o", "json");
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ErrorCode.VERIFY_FAILED.exitCode());
        JsonNode report = JsonSchemas.assertValid("verify", verify.out());
        assertThat(report.path("result").asText()).isEqualTo("failed");
        assertThat(report.path("problems").get(0).path("problem").asText()).isEqualTo("object.missing");

        Result drill = cli().run("drill", backupId, "--repository", damaged.toString(), "--scratch", dir.toString(),
                "-o", "json", "-q");
        assertThat(drill.exitCode()).as(drill.toString()).isEqualTo(ErrorCode.DRILL_FAILED.exitCode());
        JsonNode drillReport = JsonSchemas.assertValid("drill", drill.out());
        assertThat(drillReport.path("result").asText()).isEqualTo("failed");
        assertThat(drillReport.findValues("failures")).anySatisfy(f -> assertThat(f).isNotEmpty());
    }

    @Test
    void drillInLogModeCountsTheDownloadOfTheWholeBackup() {
        Result drill = cli().run("drill", backupId, "--repository", repository.toString(), "--scratch", dir.toString(),
                "--progress", "log");
        assertThat(drill.exitCode()).as(drill.toString()).isZero();
        int blocks = data.blockDirs().size();
        assertThat(progressLines(drill.err())).last().asString().startsWith("progress: drill finished ")
                .contains("(100%), blocks " + blocks + "/" + blocks + ",");
    }

    @Test
    void jsonLogLinesCarryTheJobIdSourceAndBackupId() throws IOException {
        Path otherRepository = dir.resolve("json-logs-repo");
        assertThat(cli().run("init", "--repository", otherRepository.toString()).exitCode()).isZero();
        Result backup = cli().run("backup", "--repository", otherRepository.toString(), "--prometheus",
                source.baseUrl().toString(), "--data-dir", source.dataDir().toString(), "--source", "json-logs",
                "--log-format", "json", "-v");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        String newId = EndToEndSupport.backupIdIn(backup);
        List<JsonNode> lines = jsonLines(backup.err());
        List<JsonNode> jobLines = lines.stream().filter(l -> l.has("jobId")).toList();
        assertThat(jobLines).as(backup.err()).isNotEmpty();
        for (JsonNode line : jobLines) {
            assertThat(line.path("source").asText()).isEqualTo("json-logs");
            assertThat(line.path("backupId").asText()).isEqualTo(newId);
            assertThat(line.path("job").asText()).isNotBlank();
        }
        // Progress lines are log lines too, in the same shape (verbose: one per block).
        assertThat(lines).filteredOn(l -> l.path("logger").asText().equals("io.promdr.progress"))
                .anySatisfy(l -> assertThat(l.path("message").asText()).startsWith("progress: backup done blocks/"));

        Result restore = cli().run("restore", "latest", "--repository", repository.toString(), "--to",
                dir.resolve("json-restore").toString(), "--log-format", "json", "-v");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        List<JsonNode> restoreJobLines = jsonLines(restore.err()).stream().filter(l -> l.has("jobId")).toList();
        assertThat(restoreJobLines).isNotEmpty().allSatisfy(l -> {
            assertThat(l.path("backupId").asText()).isEqualTo(backupId);   // "latest", resolved
            assertThat(l.path("source").asText()).isEqualTo("default");
        });
    }

    @Test
    void restoreWithoutTargetExplainsWhatItWouldDoAndChangesNothing() {
        Result r = cli().run("restore", "latest", "--repository", repository.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(r.out()).startsWith("promdr restore " + backupId + " --to DIR would:\n")
                .contains("  1. download ").contains(data.blockDirs().size() + " blocks, ")
                .contains("must be empty or missing").contains("--dry-run");
        assertThat(r.err()).isEqualTo("error: no target directory given: nothing was restored — hint: add --to DIR "
                + "(see the plan first with --dry-run)\n");
    }

    @Test
    void forceOnANonEmptyTargetNeedsYesWithoutATerminal() throws IOException {
        Path target = Files.createDirectories(dir.resolve("busy"));
        Path precious = Files.writeString(target.resolve("precious.txt"), "keep me");
        Result refused = cli().run("restore", backupId, "--repository", repository.toString(), "--to", target.toString(),
                "--force");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ErrorCode.NOT_CONFIRMED.exitCode());
        assertThat(refused.err()).startsWith("error: not confirmed: restore " + data.blockDirs().size() + " blocks of backup "
                + backupId + " into " + target + ", which holds files").contains("pass --yes");
        try (var entries = Files.list(target)) {
            assertThat(entries).containsExactly(precious);
        }

        Result confirmed = cli().run("restore", backupId, "--repository", repository.toString(), "--to", target.toString(),
                "--force", "--yes");
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(precious).hasContent("keep me");
        for (String ulid : data.ulids()) {
            assertThat(target.resolve(ulid).resolve("meta.json")).exists();
        }
    }

    @Test
    void onARealTerminalForceAsksAndTheRestoreDrawsABarInPlace() throws Exception {
        Path target = Files.createDirectories(dir.resolve("on-tty"));
        Files.writeString(target.resolve("notes.txt"), "not a block");
        Path jar = Path.of(System.getProperty("promdr.jar", "target/promdr.jar"));
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", quote(java), "-XX:TieredStopAtLevel=1", "-jar", quote(jar.toString()),
                "restore", backupId, "--repository", quote(repository.toString()), "--to", quote(target.toString()), "--force");
        Path transcript = dir.resolve("tty.txt");
        // script(1) runs the command on a new pseudo-terminal: System.console() exists there, as in an SRE's shell.
        ProcessBuilder builder = new ProcessBuilder("script", "-qefc", command, "/dev/null")
                .redirectOutput(transcript.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMDR_") || name.startsWith("AWS_"));
        builder.environment().put("PROMDR_STATE_DIR", dir.resolve("state").toString());
        builder.environment().put("TERM", "xterm");
        Process process = builder.start();
        // Typed ahead: the terminal holds the answer until promdr reads it at its prompt.
        process.getOutputStream().write("yes\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promdr restore on a pty did not finish within 90 s");
        }
        process.getOutputStream().close();
        String tty = Files.readString(transcript, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(tty).isZero();
        int blocks = data.blockDirs().size();
        assertThat(tty).contains("promdr will restore " + blocks + " blocks of backup " + backupId + " into " + target
                        + ", which holds files, replacing 0 block(s) already there. Type yes to continue: ")
                .contains("\rrestore [>").contains("(0%), blocks 0/" + blocks)
                .contains("\rrestore [========================] ").contains("(100%), blocks " + blocks + "/" + blocks)
                .contains("restored backup " + backupId)
                .doesNotContain("progress: ");
        assertThat(target.resolve("notes.txt")).exists();
    }

    /** Every stderr line, each valid against docs/schemas/log-line.schema.json. */
    private static List<JsonNode> jsonLines(String err) {
        return err.lines().map(l -> JsonSchemas.assertValid("log-line", l)).toList();
    }

    private CliRunner cli() {
        return new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }

    private static List<String> progressLines(String err) {
        return err.lines().filter(l -> l.startsWith("progress: ")).collect(Collectors.toList());
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
