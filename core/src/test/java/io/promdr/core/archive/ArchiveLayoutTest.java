package io.promdr.core.archive;

import io.promdr.core.model.FileRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveLayoutTest {
    @Test
    void metadataFirstThenChunksThenTombstonesThenTheRest() {
        List<FileRecord> files = List.of(file("zz/extra"), file("tombstones"), file("chunks/000002"), file("a-note"),
                file("index"), file("chunks/000001"), file("meta.json"));
        assertThat(ArchiveLayout.items(files)).extracting(ArchiveLayout.Item::path).containsExactly(
                "meta.json", "index", "chunks/", "chunks/000001", "chunks/000002", "tombstones", "a-note", "zz/", "zz/extra");
    }

    @Test
    void theChunksDirectoryIsAlwaysThere() {
        assertThat(ArchiveLayout.items(List.of(file("meta.json"))))
                .extracting(ArchiveLayout.Item::path).containsExactly("meta.json", "chunks/");
    }

    @Test
    void refusesPathsThatAreNotPlainRelativeFiles() {
        for (String bad : List.of("/etc/passwd", "../x", "chunks/../../x", "a//b", "./meta.json", "dir/", "")) {
            assertThatThrownBy(() -> ArchiveLayout.items(List.of(file(bad))))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ArchiveLayout.items(List.of(file("index"), file("index"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    private static FileRecord file(String path) {
        return new FileRecord(path, 1, "00");
    }
}
