package io.promdr.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image recipe keeps its promises (docs/kubernetes.md): a JRE base, a numeric non-root user
 * that the manifests' runAsNonRoot can verify, only the jar and the Prometheus binary copied in,
 * nothing fetched from the network at build time, an exec-form entry point: the launcher, whose
 * start-up cache is made at build time.
 */
class DockerfileTest {

    @Test
    void imageRunsOnlyTheLauncherAndJarAsANumericNonRootUser() throws IOException {
        List<String> instructions = instructions();

        assertThat(instructions).filteredOn(i -> i.startsWith("FROM ")).extracting(i -> i.split("\\s+")[1])
                .containsExactly("docker.io/prom/prometheus:v2.53.4", "docker.io/library/eclipse-temurin:17-jre-jammy");
        assertThat(instructions).filteredOn(i -> i.startsWith("COPY ")).containsExactly(
                "COPY --from=prometheus /bin/prometheus /usr/local/bin/prometheus",
                "COPY cli/target/promdr.jar /opt/promdr/promdr.jar",
                "COPY cli/target/promdr /opt/promdr/promdr");
        assertThat(instructions).noneMatch(i -> i.startsWith("ADD "))
                .noneMatch(i -> i.matches("(?i).*\\b(curl|wget|apt-get|apk)\\b.*"));
        assertThat(instructions.stream().filter(i -> i.startsWith("USER ")).reduce((a, b) -> b))
                .hasValue("USER 65532:65532");
        assertThat(instructions.get(instructions.size() - 2)).isEqualTo("ENTRYPOINT [\"/opt/promdr/promdr\"]");
        assertThat(Files.readAllLines(DeployFiles.MODULE.resolve("Dockerfile.dockerignore")))
                .contains("*", "!cli/target/promdr.jar", "!cli/target/promdr");
    }

    @Test
    void theStartUpCacheIsMadeAtBuildTimeBeforeTheRootFilesystemTurnsReadOnly() throws IOException {
        List<String> instructions = instructions();
        int prepare = instructions.indexOf("RUN [\"/opt/promdr/promdr\", \"--launcher-prepare\"]");
        int user = instructions.indexOf("USER 65532:65532");

        assertThat(prepare).as("the launcher prepares its cache in the image").isPositive().isLessThan(user);
        assertThat(instructions).anyMatch(i -> i.startsWith("ENV ") && i.contains("PROMDR_APP_CACHE=/opt/promdr/app"));
    }

    /** Instructions with continuation lines joined and comments dropped. */
    private static List<String> instructions() throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DeployFiles.DOCKERFILE)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            instructions.add(current.append(trimmed).toString().replaceAll("\\s+", " "));
            current.setLength(0);
        }
        return instructions;
    }
}
