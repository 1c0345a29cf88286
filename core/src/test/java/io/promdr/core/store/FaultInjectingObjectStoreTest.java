package io.promdr.core.store;

import io.promdr.core.store.FaultInjectingObjectStore.Fault;
import io.promdr.core.store.FaultInjectingObjectStore.Op;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectingObjectStoreTest {
    private final InMemoryObjectStore real = new InMemoryObjectStore();
    private final FaultInjectingObjectStore store = new FaultInjectingObjectStore(real);

    @Test
    void failsOnlyThePlannedCallsOfThePlannedOperationAndPrefix() throws IOException {
        store.plan(Fault.fail(Op.CREATE, "blocks/", 2).times(2));

        store.put("blocks/a", bytes("a"));
        store.put("backups/x", bytes("x"));
        assertThatThrownBy(() -> store.put("blocks/b", bytes("b"))).isInstanceOf(IOException.class)
                .hasMessageContaining("injected fault");
        assertThatThrownBy(() -> store.put("blocks/c", bytes("c"))).isInstanceOf(IOException.class);
        store.put("blocks/d", bytes("d"));

        assertThat(real.committedKeys()).containsExactly("blocks/a", "backups/x", "blocks/d");
        store.assertAllFired();
    }

    @Test
    void aFailedCommitLeavesNothingVisible() throws IOException {
        store.plan(Fault.fail(Op.COMMIT, "", 1));

        assertThatThrownBy(() -> store.put("k", bytes("v"))).isInstanceOf(IOException.class);

        assertThat(real.stat("k")).isEmpty();
        store.assertAllFired();
    }

    @Test
    void truncatesAndCorruptsReads() throws IOException {
        store.put("k", bytes("0123456789"));
        store.plan(Fault.truncate("k", 1, 4), Fault.corrupt("k", 2, 3));

        assertThat(read("k")).isEqualTo("0123");
        byte[] corrupted = readBytes("k");
        assertThat(corrupted).hasSize(10);
        assertThat(corrupted[3]).isEqualTo((byte) ('3' ^ 0xff));
        assertThat(read("k")).isEqualTo("0123456789");
        store.assertAllFired();
    }

    @Test
    void aPlannedFaultThatNeverFiredFailsTheTest() throws IOException {
        store.plan(Fault.fail(Op.DELETE, "blocks/", 1));
        store.delete("backups/x");

        assertThatThrownBy(store::assertAllFired).isInstanceOf(AssertionError.class)
                .hasMessageContaining("never fired").hasMessageContaining("DELETE");
    }

    private String read(String key) throws IOException {
        return new String(readBytes(key), StandardCharsets.UTF_8);
    }

    private byte[] readBytes(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
