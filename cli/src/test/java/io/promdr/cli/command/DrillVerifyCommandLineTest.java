package io.promdr.cli.command;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** drill and verify: the mistakes caught before anything is read, through the real entry point. */
class DrillVerifyCommandLineTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }

    @Test
    void verifyReadsAllOrASubsetNotBoth() {
        Result r = cli.run("verify", "all", "--repository", dir.toString(), "--read-data", "--read-data-subset", "1/2");
        assertThat(r.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(r.err()).startsWith("error: Error: --read-data, --read-data-subset=n/t are mutually exclusive");
    }

    @Test
    void aSubsetMustBeNOfT() {
        Result r = cli.run("verify", "all", "--repository", dir.toString(), "--read-data-subset", "3/2");
        assertThat(r.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(r.err()).isEqualTo("error: --read-data-subset \"3/2\" is not n/t with 1 <= n <= t — hint: e.g."
                + " --read-data-subset 1/7 reads a seventh of the data; 1/7 to 7/7 read all of it" + System.lineSeparator());
    }

    @Test
    void verifyNeedsARepository() {
        Result r = cli.run("verify", "all");
        assertThat(r.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(r.err()).startsWith("error: no repository given");
    }

    @Test
    void drillNeedsARepositoryAndAValidSource() {
        assertThat(cli.run("drill").err()).startsWith("error: no repository given");
        Result r = cli.run("drill", "--repository", dir.toString(), "--source", "Not Valid");
        assertThat(r.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(r.err()).startsWith("error: --source \"Not Valid\" is not a valid source name");
    }

    @Test
    void aBadDrillTimeoutInTheConfigNamesTheKey() throws IOException {
        Path config = Files.writeString(dir.resolve("promdr.yaml"), "drill:\n  readyTimeout: soon\n");
        Result r = cli.run("drill", "--config", config.toString(), "--repository", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ErrorCode.CONFIG_INVALID.exitCode());
        assertThat(r.err()).startsWith("error: drill.readyTimeout: \"soon\" is not a duration");
    }
}
