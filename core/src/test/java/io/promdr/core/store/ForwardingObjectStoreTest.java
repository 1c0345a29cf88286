package io.promdr.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A decorator that overrides nothing is the store it wraps: the whole contract holds through it. */
class ForwardingObjectStoreTest extends ObjectStoreContract {
    private final AtomicBoolean backingClosed = new AtomicBoolean();
    private InMemoryObjectStore backing;
    private ObjectStore forwarding;

    @BeforeEach
    void openStore() {
        backing = new InMemoryObjectStore() {
            @Override
            public void close() {
                backingClosed.set(true);
            }
        };
        forwarding = new ForwardingObjectStore(backing) {
        };
    }

    @Override
    protected ObjectStore store() {
        return forwarding;
    }

    @Test
    void putWritesThroughCreateAndCloseClosesTheWrappedStore() throws IOException {
        int[] creates = {0};
        ObjectStore counting = new ForwardingObjectStore(backing) {
            @Override
            public PendingObject create(String key) throws IOException {
                creates[0]++;
                return super.create(key);
            }
        };

        counting.put("a", new byte[] {1});
        counting.close();

        assertThat(creates[0]).isEqualTo(1);
        assertThat(backing.committedKeys()).containsExactly("a");
        assertThat(counting.location()).isEqualTo(backing.location());
        assertThat(backingClosed).isTrue();
    }
}
