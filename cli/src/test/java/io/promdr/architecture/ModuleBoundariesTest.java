package io.promdr.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rules of docs/architecture.md, checked on the sources so that a violation fails the
 * build. The restore module checks its own independence from backup-jobs (ModuleDependencyTest).
 */
class ModuleBoundariesTest {
    private static final Path ROOT = projectRoot();

    @Test
    void onlyCoreTalksToTheAwsSdkAndKubernetes() {
        for (String module : List.of("backup-jobs", "restore", "cli")) {
            assertThat(importsIn(module, "import software.amazon.awssdk.")).as(module).isEmpty();
            assertThat(importsIn(module, "import io.fabric8.")).as(module).isEmpty();
        }
    }

    @Test
    void coreDependsOnNoOtherModule() {
        for (String pkg : List.of("io.promdr.backup.", "io.promdr.restore.", "io.promdr.cli.")) {
            assertThat(importsIn("core", "import " + pkg)).as(pkg).isEmpty();
        }
    }

    @Test
    void onlySchedulesTalksToQuartz() {
        for (String module : List.of("core", "backup-jobs", "restore", "cli")) {
            assertThat(importsIn(module, "import org.quartz.")).as(module).isEmpty();
        }
        for (String pkg : List.of("io.promdr.backup.", "io.promdr.restore.", "io.promdr.cli.", "software.amazon.awssdk.",
                "io.fabric8.kubernetes.client.KubernetesClient", "io.fabric8.kubernetes.client.dsl.")) {
            assertThat(importsIn("schedules", "import " + pkg)).as(pkg).isEmpty();
        }
    }

    /** Main source files of a module that contain the given import prefix. */
    private static List<Path> importsIn(String module, String importPrefix) {
        Path sources = ROOT.resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> contains(p, importPrefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("restore"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("project root above the working directory").isNotNull();
        return dir;
    }
}
