package io.promdr.cli.config;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileReaderTest {
    @TempDir
    Path dir;

    @Test
    void unknownKeyIsAnErrorNamingTheKeyTheFileAndTheKnownKeys() throws IOException {
        Path file = write("""
                repository:
                  uri: s3://b/p
                  s3:
                    region: eu-west-1
                    secretAccesKey: typo-secret
                """);

        PromdrException e = configError(file);
        assertThat(e.getMessage()).isEqualTo("config file " + file + " has unknown key repository.s3.secretAccesKey");
        assertThat(e.hint()).contains("secretAccessKey").contains("docs/configuration.md");
        assertThat(e.userMessage()).doesNotContain("typo-secret");
    }

    @Test
    void unknownTopLevelKeyIsNamed() throws IOException {
        PromdrException e = configError(write("sourec: x\n"));
        assertThat(e.getMessage()).contains("unknown key sourec");
    }

    @Test
    void wrongTypeNamesTheKey() throws IOException {
        PromdrException e = configError(write("repository:\n  s3:\n    pathStyle: sometimes\n"));
        assertThat(e.getMessage()).contains("bad value for repository.s3.pathStyle");
    }

    @Test
    void aValueInTheWrongPlaceIsNotEchoed() throws IOException {
        PromdrException e = configError(write("jobRepository: \"jdbc:postgresql://db/promdr?password=hunter2-secret\"\n"));
        assertThat(e.getMessage()).contains("bad value for jobRepository").contains("expected a mapping");
        assertThat(e.userMessage()).doesNotContain("hunter2-secret");
        PromdrException flag = configError(write("repository:\n  s3:\n    pathStyle: hunter2-secret\n"));
        assertThat(flag.getMessage()).contains("bad value for repository.s3.pathStyle");
        assertThat(flag.userMessage()).doesNotContain("hunter2-secret");
    }

    @Test
    void duplicateKeyIsAnError() throws IOException {
        PromdrException e = configError(write("source: a\nsource: b\n"));
        assertThat(e.getMessage()).contains("source");
    }

    @Test
    void syntaxErrorNamesTheLine() throws IOException {
        PromdrException e = configError(write("repository:\n  uri: [unclosed\n"));
        assertThat(e.getMessage()).startsWith("config file " + dir.resolve("promdr.yaml")).contains("line");
    }

    @Test
    void missingFileIsNamed() {
        PromdrException e = configError(dir.resolve("absent.yaml"));
        assertThat(e.getMessage()).isEqualTo("config file " + dir.resolve("absent.yaml") + " not found");
    }

    @Test
    void emptyFileIsAnEmptyConfiguration() throws IOException {
        assertThat(ConfigFileReader.read(write(""))).isEqualTo(PromdrConfig.empty());
        assertThat(ConfigFileReader.read(write("# only a comment\n"))).isEqualTo(PromdrConfig.empty());
    }

    private PromdrException configError(Path file) {
        try {
            ConfigFileReader.read(file);
        } catch (PromdrException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
            return e;
        }
        throw new AssertionError("expected a CONFIG_INVALID error for " + file);
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("promdr.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
