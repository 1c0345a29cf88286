package io.promdr.cli.command;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's --help, and a failing run of each, with secrets in the environment and in the
 * config file: none of them is ever printed (help texts show no defaults taken from either).
 */
class SecretsInHelpTest {
    private static final String S3_SECRET = "help-test-s3-secret-0123456789";
    private static final String DB_PASSWORD = "help-test-db-password-0123456789";
    private static final String PUSH_PASSWORD = "help-test-push-password-0123456789";

    @TempDir
    Path dir;

    @Test
    void noHelpTextOrUsageErrorShowsASecret() throws IOException {
        Path config = Files.writeString(dir.resolve("promdr.yaml"), """
                repository:
                  uri: s3://bucket/prefix
                  s3:
                    accessKeyId: help-test-access-key
                    secretAccessKey: %s
                jobRepository:
                  url: jdbc:postgresql://127.0.0.1:1/none
                  username: promdr
                  password: %s
                """.formatted(S3_SECRET, DB_PASSWORD));
        CliRunner cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_CONFIG", config.toString(),
                "PROMDR_JOB_REPOSITORY_PASSWORD", DB_PASSWORD, "PROMDR_PUSHGATEWAY_PASSWORD", PUSH_PASSWORD,
                "AWS_SECRET_ACCESS_KEY", S3_SECRET));
        List<Result> results = new ArrayList<>();
        results.add(cli.run("--help"));
        for (String command : new CommandLine(new RootCommand(CliEnvironment.of(Map.of()))).getSubcommands().keySet()) {
            results.add(cli.run(command, "--help"));
            results.add(cli.run(command, "--no-such-option"));
        }

        assertThat(results).hasSizeGreaterThan(5).allSatisfy(r -> assertThat(r.all()).as(r.args().toString())
                .doesNotContain(S3_SECRET).doesNotContain(DB_PASSWORD).doesNotContain(PUSH_PASSWORD));
        assertThat(results.get(0).out()).contains("backup").contains("restore");
    }
}
