package io.promdr.cli.command;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line through the real entry point, for everything that needs no server. */
class CommandLineTest {
    private static final String[] COMMANDS = {"init", "backup", "list", "show", "restore", "drill", "verify"};

    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }

    @Test
    void helpOnTheRootListsEveryCommand() {
        Result r = cli.run("--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Usage: promdr");
        for (String command : COMMANDS) {
            assertThat(r.out()).contains("  " + command + " ");
        }
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "backup", "list", "show", "restore", "drill", "verify"})
    void helpWorksOnEveryCommand(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            Result r = cli.run(command, flag);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).startsWith("Usage: promdr " + command).contains("--repository=URI").contains("--verbose");
            assertThat(r.err()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "init", "backup", "list", "show", "restore", "drill", "verify"})
    void versionWorksEverywhere(String command) {
        Result r = command.isEmpty() ? cli.run("--version") : cli.run(command, "--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("promdr " + VersionProvider.version() + System.lineSeparator());
        assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void unknownOptionIsUsageWithAHint() {
        Result r = cli.run("list", "--bogus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: Unknown option: '--bogus' — hint: see `promdr list --help`" + System.lineSeparator());
    }

    @Test
    void misspeltCommandSuggestsTheRightOne() {
        Result r = cli.run("lst");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("did you mean list").endsWith("hint: see `promdr --help`" + System.lineSeparator());
    }

    @Test
    void missingRequiredOptionIsUsage() {
        Result r = cli.run("restore");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("BACKUP").contains("promdr restore --help");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void noCommandIsUsage() {
        Result r = cli.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: no command given");
    }

    @Test
    void badOutputFormatIsUsage() {
        assertThat(cli.run("list", "-o", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() throws IOException {
        Path repo = dir.resolve("repo");
        Result before = cli.run("--repository", repo.toUri().toString(), "init");
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.out()).startsWith("initialised repository " + repo.toUri().toString().replaceAll("/$", ""));

        Result after = cli.run("list", "--repository", repo.toString());
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).isEqualTo("no backups" + System.lineSeparator());
        assertThat(Files.exists(repo.resolve("repository.json"))).isTrue();
    }

    @Test
    void quietSilencesSummariesAndExcludesVerbose() {
        Result quiet = cli.run("init", "-q", "--repository", dir.resolve("q").toString());
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.all()).isEmpty();

        Result both = cli.run("list", "-q", "-v", "--repository", dir.resolve("q").toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("error: --verbose and --quiet exclude each other");
    }

    @Test
    void missingRepositoryIsUsageWithTheHint() {
        Result r = cli.run("list");
        assertThat(r.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(r.err()).isEqualTo("error: no repository given — hint: pass --repository or set repository.uri in the "
                + "config (or PROMDR_REPOSITORY)" + System.lineSeparator());
    }

    @Test
    void repositoryFromTheEnvironmentAndTheConfigFile() throws IOException {
        Path viaEnv = dir.resolve("via-env");
        assertThat(cli.env("PROMDR_REPOSITORY", viaEnv.toString()).run("init").exitCode()).isZero();
        assertThat(viaEnv.resolve("repository.json")).exists();

        Path viaFile = dir.resolve("via-file");
        Path config = dir.resolve("promdr.yaml");
        Files.writeString(config, "repository:\n  uri: " + viaFile.toUri() + "\n");
        CliRunner noEnv = new CliRunner(Map.of("HOME", dir.toString()));
        assertThat(noEnv.run("init", "--config", config.toString()).exitCode()).isZero();
        assertThat(viaFile.resolve("repository.json")).exists();
    }

    @Test
    void configErrorsExitWithConfigInvalid() throws IOException {
        Path config = dir.resolve("promdr.yaml");
        Files.writeString(config, "repositry:\n  uri: /x\n");
        Result r = cli.run("list", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(ErrorCode.CONFIG_INVALID.exitCode());
        assertThat(r.err()).startsWith("error: config file " + config + " has unknown key repositry —");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void uninitialisedRepositoryAndUnknownBackup() {
        Path repo = dir.resolve("repo");
        Result notInit = cli.run("list", "--repository", repo.toString());
        assertThat(notInit.exitCode()).isEqualTo(ErrorCode.REPOSITORY_NOT_INITIALISED.exitCode());

        assertThat(cli.run("init", "--repository", repo.toString()).exitCode()).isZero();
        Result again = cli.run("init", "--repository", repo.toString());
        assertThat(again.exitCode()).isEqualTo(ErrorCode.REPOSITORY_ALREADY_INITIALISED.exitCode());

        Result unknown = cli.run("show", "20260101T000000Z-00000000", "--repository", repo.toString());
        assertThat(unknown.exitCode()).isEqualTo(ErrorCode.BACKUP_NOT_FOUND.exitCode());
        assertThat(unknown.err()).startsWith("error: ").contains("hint: ");
    }

    @Test
    void badTimeArgumentIsUsageBeforeAnythingElse() {
        Result r = cli.run("restore", "latest", "--to", dir.resolve("t").toString(), "--from", "last tuesday");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --from \"last tuesday\" is not a time — hint: use RFC 3339 "
                + "(2026-11-20T00:00:00Z), a date (2026-11-20, UTC midnight), epoch seconds, or now-7d / -36h"
                + System.lineSeparator());

        Result reversed = cli.run("restore", "latest", "--to", dir.resolve("t").toString(), "--from", "2026-11-20",
                "--until", "2026-11-19");
        assertThat(reversed.exitCode()).isEqualTo(2);
        assertThat(reversed.err()).contains("is not before --until");
    }
}
