package io.promdr.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemObjectStoreTest extends ObjectStoreContract {
    @TempDir
    Path tempDir;
    private Path root;
    private FileSystemObjectStore store;

    @BeforeEach
    void openStore() {
        // The root does not exist yet: the first write creates it, as after `promdr init`.
        root = tempDir.resolve("repo");
        store = new FileSystemObjectStore(root);
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected void assertBytesLeftMemory(PendingObject pending, long written) throws IOException {
        Path temp = ((FilePendingObject) pending).tempFile();
        assertThat(temp.getFileName().toString()).startsWith(".tmp-");
        // Every large write of the contract goes to a key one directory deep: the temp file sits beside its target.
        assertThat(temp.getParent().getParent()).isEqualTo(root);
        // All but the last write buffer is already in the temp file, not in memory.
        assertThat(Files.size(temp)).isGreaterThanOrEqualTo(written - FilePendingObject.WRITE_BUFFER_BYTES);
    }

    @Override
    protected void assertNoDebris() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".tmp-"));
        }
    }

    @Test
    void missingRootBehavesAsAnEmptyStoreAndIsNotCreatedByReads() throws IOException {
        assertThat(store.rootExists()).isFalse();
        assertThat(store.list("")).isEmpty();
        assertThat(store.stat("repository.json")).isEmpty();
        assertThatThrownBy(() -> store.get("repository.json")).isInstanceOf(ObjectNotFoundException.class);
        store.delete("repository.json");
        assertThat(root).doesNotExist();

        store.put("repository.json", new byte[] {1});
        assertThat(store.rootExists()).isTrue();
        assertThat(root.resolve("repository.json")).hasBinaryContent(new byte[] {1});
    }

    @Test
    void keysMapToFilesUnderTheRoot() throws IOException {
        store.put("blocks/01ABC/chunk.tar.zst", new byte[] {1, 2, 3});

        assertThat(root.resolve("blocks").resolve("01ABC").resolve("chunk.tar.zst")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(store.location()).isEqualTo("file://" + root.toAbsolutePath());
    }

    @Test
    void tempFilesAreNeverListedAndTheirNamesAreReserved() throws IOException {
        store.put("a/object", new byte[] {1});
        Files.write(root.resolve("a").resolve(".tmp-left-by-a-crash"), new byte[] {9});

        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a/object");
        assertThatThrownBy(() -> store.create("a/.tmp-x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteRemovesDirectoriesItLeftEmptyButNotTheRoot() throws IOException {
        store.put("x/y/z/object", new byte[] {1});
        store.put("x/other", new byte[] {2});

        store.delete("x/y/z/object");

        assertThat(root.resolve("x").resolve("y")).doesNotExist();
        assertThat(root.resolve("x").resolve("other")).exists();
        store.delete("x/other");
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void aRelativeRootIsMadeAbsolute() {
        FileSystemObjectStore relative = new FileSystemObjectStore(Path.of("some", "repo"));

        assertThat(relative.root()).isAbsolute();
        assertThat(relative.location()).startsWith("file:///").endsWith("repo");
    }

    @Test
    void aDirectoryIsNotAnObject() throws IOException {
        store.put("dir/file", new byte[] {1});

        assertThat(store.stat("dir")).isEmpty();
        assertThatThrownBy(() -> store.get("dir")).isInstanceOf(ObjectNotFoundException.class);
        store.delete("dir");
        assertThat(store.stat("dir/file")).isPresent();
    }
}
