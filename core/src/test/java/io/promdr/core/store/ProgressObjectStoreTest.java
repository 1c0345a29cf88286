package io.promdr.core.store;

import io.promdr.core.progress.ProgressListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress wrapper keeps the whole store contract and reports exactly the bytes of block
 * objects written and read, and one "done" per committed or fully opened-and-closed block object.
 */
class ProgressObjectStoreTest extends ObjectStoreContract {
    private static final String BLOCK = "blocks/01HZY0000000000000000000AA/"
            + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.tar.zst";
    private final Heard heard = new Heard();
    private ObjectStore store;

    @BeforeEach
    void openStore() {
        store = ProgressObjectStore.of(new InMemoryObjectStore(), heard);
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Test
    void countsTheBytesOfBlockObjectsWrittenAndRead() throws IOException {
        try (PendingObject pending = store.create(BLOCK)) {
            OutputStream out = pending.stream();
            out.write(new byte[1000]);
            out.write(7);
            out.write(new byte[500], 100, 200);
            assertThat(heard.bytes).isEqualTo(1201);
            assertThat(heard.done).isEmpty();
            pending.commit();
        }
        assertThat(heard.done).containsExactly(BLOCK);

        try (InputStream in = store.get(BLOCK)) {
            assertThat(in.read()).isZero();
            assertThat(in.readAllBytes()).hasSize(1200);
        }
        assertThat(heard.bytes).isEqualTo(2 * 1201);
        assertThat(heard.done).containsExactly(BLOCK, BLOCK);

        try (InputStream in = store.getRange(BLOCK, 1000, 50)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        // A range is part of an object: its bytes count, it finishes no object.
        assertThat(heard.bytes).isEqualTo(2 * 1201 + 50);
        assertThat(heard.done).hasSize(2);

        // A range that reaches the object's end before its length (the last range of a parallel read) finishes it.
        try (InputStream in = new ParallelRangeInputStream(store, BLOCK, 1201, 500, 2)) {
            assertThat(in.readAllBytes()).hasSize(1201);
        }
        assertThat(heard.bytes).isEqualTo(3 * 1201 + 50);
        assertThat(heard.done).containsExactly(BLOCK, BLOCK, BLOCK);
    }

    @Test
    void manifestsAndTheDescriptorAreNotBlockProgressAndAnAbortFinishesNothing() throws IOException {
        store.put("repository.json", new byte[100]);
        store.put("backups/default/20261203T000000Z-00000000.json", new byte[100]);
        store.get("repository.json").close();
        try (PendingObject pending = store.create(BLOCK)) {
            pending.stream().write(new byte[10]);
        }
        assertThat(heard.bytes).isEqualTo(10);
        assertThat(heard.done).isEmpty();
        assertThat(store.stat(BLOCK)).isEmpty();
    }

    @Test
    void nobodyListeningMeansNoWrapper() {
        InMemoryObjectStore plain = new InMemoryObjectStore();
        assertThat(ProgressObjectStore.of(plain, ProgressListener.NONE)).isSameAs(plain);
        assertThat(ProgressObjectStore.of(plain, null)).isSameAs(plain);
    }

    private static final class Heard implements ProgressListener {
        long bytes;
        final List<String> done = new ArrayList<>();

        @Override
        public void transferred(long n) {
            bytes += n;
        }

        @Override
        public void objectDone(String key) {
            done.add(key);
        }
    }
}
