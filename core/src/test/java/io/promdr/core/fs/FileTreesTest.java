package io.promdr.core.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void deletesTheWholeTreeAndOnlyTheLinkNotWhatItPointsAt() throws IOException {
        Path outside = Files.writeString(Files.createDirectories(tmp.resolve("outside")).resolve("keep"), "keep");
        Path tree = Files.createDirectories(tmp.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file"), "x");
        Files.createSymbolicLink(tmp.resolve("tree/link"), outside.getParent());

        FileTrees.deleteQuietly(tmp.resolve("tree"));

        assertThat(tmp.resolve("tree")).doesNotExist();
        assertThat(outside).hasContent("keep");
    }

    @Test
    void aMissingOrNullRootIsNothingToDo() {
        assertThatCode(() -> FileTrees.deleteQuietly(tmp.resolve("missing"))).doesNotThrowAnyException();
        assertThatCode(() -> FileTrees.deleteQuietly(null)).doesNotThrowAnyException();
    }
}
