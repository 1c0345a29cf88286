package io.promdr.restore;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Restores must keep working whatever the writer does: the restore module never depends on backup-jobs. */
class ModuleDependencyTest {

    @Test
    void backupJobsIsNotOnTheRestoreClasspath() {
        assertThatThrownBy(() -> Class.forName("io.promdr.backup.BackupService"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void noRestoreSourceMentionsTheBackupPackage() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src"))) {
            List<Path> offending = sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> read(p).contains("io.promdr.backup"))
                    .filter(p -> !p.getFileName().toString().equals("ModuleDependencyTest.java"))
                    .toList();
            assertThat(offending).isEmpty();
        }
        assertThat(Files.readString(Path.of("pom.xml"))).doesNotContain("promdr-backup-jobs");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
