package io.promdr.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ReadOnlyObjectStoreTest {
    private final InMemoryObjectStore backing = new InMemoryObjectStore();
    private final ObjectStore readOnly = ReadOnlyObjectStore.of(backing);

    @Test
    void readsPassThrough() throws IOException {
        backing.put("a/manifest.json", "{}".getBytes(UTF_8));

        assertThat(readOnly.location()).isEqualTo(backing.location());
        try (InputStream in = readOnly.get("a/manifest.json")) {
            assertThat(in.readAllBytes()).isEqualTo("{}".getBytes(UTF_8));
        }
        try (InputStream in = readOnly.getRange("a/manifest.json", 1, 1)) {
            assertThat(in.readAllBytes()).isEqualTo("}".getBytes(UTF_8));
        }
        assertThat(readOnly.stat("a/manifest.json")).isPresent();
        assertThat(readOnly.list("a/")).hasSize(1);
    }

    @Test
    void everyWriteIsRefusedAndChangesNothing() throws IOException {
        backing.put("keep", new byte[] {1});

        assertThatThrownBy(() -> readOnly.create("new")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only: restore and drill never write to the repository");
        assertThatThrownBy(() -> readOnly.put("new", new byte[] {2})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> readOnly.delete("keep")).isInstanceOf(IllegalStateException.class);

        assertThat(backing.list("")).extracting(ObjectInfo::key).containsExactly("keep");
        assertThat(backing.committedKeys()).containsExactly("keep");
    }

    @Test
    void wrappingTwiceKeepsOneLayer() {
        assertThat(ReadOnlyObjectStore.of(readOnly)).isSameAs(readOnly);
    }
}
