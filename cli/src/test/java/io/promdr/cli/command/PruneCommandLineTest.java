package io.promdr.cli.command;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** prune, pin and unpin: the mistakes caught before anything is deleted, through the real entry point. */
class PruneCommandLineTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }

    @Test
    void pruneNeedsARepositoryAndAValidSource() {
        Result none = cli.run("prune", "--dry-run");
        assertThat(none.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(none.err()).startsWith("error: no repository given");

        Result bad = cli.run("prune", "--repository", dir.toString(), "--source", "Not Valid");
        assertThat(bad.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(bad.err()).startsWith("error: --source \"Not Valid\" is not a valid source name");
    }

    @Test
    void pruneOfAnUninitialisedRepositoryDeletesNothing() {
        Result r = cli.run("prune", "--repository", dir.resolve("nothing-here").toString(), "--allow-empty-policy");
        assertThat(r.exitCode()).isEqualTo(ErrorCode.REPOSITORY_NOT_INITIALISED.exitCode());
        assertThat(dir.resolve("nothing-here")).doesNotExist();
    }

    @Test
    void pinAndUnpinNeedABackupId() {
        for (String command : new String[] {"pin", "unpin"}) {
            Result r = cli.run(command, "--repository", dir.toString());
            assertThat(r.exitCode()).as(command).isEqualTo(ErrorCode.USAGE.exitCode());
            assertThat(r.err()).as(command).contains("Missing required parameter: 'ID'");
        }
    }

    @Test
    void helpListsTheNewCommands() {
        Result r = cli.run("--help");
        assertThat(r.out()).contains("prune").contains("pin").contains("unpin");
    }
}
