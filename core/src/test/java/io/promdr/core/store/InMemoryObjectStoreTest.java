package io.promdr.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test double keeps the same contract as the real stores, so tests built on it mean something. */
class InMemoryObjectStoreTest extends ObjectStoreContract {
    private InMemoryObjectStore store;

    @BeforeEach
    void openStore() {
        store = new InMemoryObjectStore();
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Test
    void recordsCommittedKeysInOrder() throws IOException {
        store.put("b", new byte[] {1});
        store.put("a", new byte[] {2});
        store.create("aborted").abort();
        store.put("b", new byte[] {3});

        assertThat(store.committedKeys()).containsExactly("b", "a", "b");
    }
}
