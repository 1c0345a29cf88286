package io.promdr.core.store;

import io.promdr.core.crypto.EncryptingObjectStore;
import io.promdr.core.crypto.TestKeys;
import io.promdr.core.model.RepositoryEncryption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The encrypting decorator keeps the {@link ObjectStore} contract for the plaintext, over the
 * in-memory store and over the filesystem store. Every key is encrypted here (the repository
 * encrypts block archives only), so that each contract case runs through the stream format.
 */
class EncryptingObjectStoreContractTest {

    @Nested
    class OverMemory extends ObjectStoreContract {
        private ObjectStore store;

        @BeforeEach
        void open() {
            store = new EncryptingObjectStore(new InMemoryObjectStore(), TestKeys.key(),
                    RepositoryEncryption.DEFAULT_SEGMENT_SIZE, key -> true);
        }

        @Override
        protected ObjectStore store() {
            return store;
        }
    }

    @Nested
    class OverFileSystem extends ObjectStoreContract {
        @TempDir
        Path root;
        private ObjectStore store;

        @BeforeEach
        void open() {
            store = new EncryptingObjectStore(new FileSystemObjectStore(root), TestKeys.key(),
                    RepositoryEncryption.DEFAULT_SEGMENT_SIZE, key -> true);
        }

        @AfterEach
        void close() throws IOException {
            store.close();
        }

        @Override
        protected ObjectStore store() {
            return store;
        }
    }
}
