package io.promdr.core.crypto;

import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.PendingObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stored format with a tiny segment (16 bytes), so that every boundary case is a few bytes
 * away: round trips, ranges at every offset, and every way of damaging the stored bytes.
 */
class EncryptingObjectStoreTest {
    private static final int SEGMENT = 16;
    private static final String KEY = "blocks/object";
    private final InMemoryObjectStore raw = new InMemoryObjectStore();
    private final ObjectStore store = new EncryptingObjectStore(raw, TestKeys.key(), SEGMENT, k -> k.startsWith("blocks/"));
    private final StreamFormat format = new StreamFormat(SEGMENT);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 31, 32, 33, 48, 100})
    void roundTripsAtSegmentBoundariesAndReportsPlaintextSizes(int size) throws IOException {
        byte[] plain = bytes(size);

        ObjectInfo committed = store.put(KEY, plain);

        assertThat(committed.size()).isEqualTo(size);
        assertThat(read(store.get(KEY))).isEqualTo(plain);
        assertThat(raw.bytes(KEY)).hasSize((int) format.storedSize(size));
        assertThat(format.plaintextSize(raw.bytes(KEY).length)).isEqualTo(size);
        assertThat(store.stat(KEY).orElseThrow().size()).isEqualTo(size);
        assertThat(store.list("blocks/")).extracting(ObjectInfo::size).containsExactly((long) size);
    }

    @Test
    void writesInSmallPiecesGiveTheSameObject() throws IOException {
        byte[] plain = bytes(77);
        try (PendingObject pending = store.create(KEY)) {
            for (byte b : plain) {
                pending.stream().write(b);
            }
            assertThat(pending.commit().size()).isEqualTo(77);
        }
        assertThat(read(store.get(KEY))).isEqualTo(plain);
    }

    @Test
    void rangesAtEveryOffsetAndLengthMatchThePlaintext() throws IOException {
        byte[] plain = bytes(50);
        store.put(KEY, plain);

        for (int offset = 0; offset <= 70; offset++) {
            for (int length = 0; length <= 60; length++) {
                int from = Math.min(offset, plain.length);
                int to = (int) Math.min((long) offset + length, plain.length);
                byte[] expected = Arrays.copyOfRange(plain, from, Math.max(from, to));
                assertThat(read(store.getRange(KEY, offset, length))).as("range %d+%d", offset, length).isEqualTo(expected);
            }
        }
        assertThat(read(store.getRange(KEY, 17, Long.MAX_VALUE))).isEqualTo(Arrays.copyOfRange(plain, 17, 50));
        assertThat(read(store.getRange(KEY, 1L << 40, 5))).isEmpty();
    }

    @Test
    void storedBytesDoNotContainThePlaintext() throws IOException {
        byte[] plain = "index magic BAAAAAD1 and up{job=\"node\"} 1".repeat(10).getBytes();
        store.put(KEY, plain);

        String stored = new String(raw.bytes(KEY), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(stored).startsWith("PDRE\u0001").doesNotContain("job").doesNotContain("magic");
    }

    @Test
    void otherKeysPassThroughUnchanged() throws IOException {
        store.put("backups/default/x.json", "{}".getBytes());

        assertThat(raw.bytes("backups/default/x.json")).isEqualTo("{}".getBytes());
        assertThat(store.stat("backups/default/x.json").orElseThrow().size()).isEqualTo(2);
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        store.put(KEY, bytes(40));
        byte[] stored = raw.bytes(KEY);

        for (int length = 0; length < stored.length; length++) {
            raw.overwrite(KEY, Arrays.copyOf(stored, length));
            assertTampered("cut to " + length);
        }
    }

    @Test
    void truncationAtASegmentBoundaryIsDetectedByRangesPastTheNewEnd() throws IOException {
        store.put(KEY, bytes(64));
        byte[] stored = raw.bytes(KEY);
        raw.overwrite(KEY, Arrays.copyOf(stored, (int) format.segmentOffset(3)));

        assertThatThrownBy(() -> read(store.getRange(KEY, 50, 10))).isInstanceOf(ObjectTamperedException.class);
        assertThatThrownBy(() -> read(store.getRange(KEY, 40, 5))).isInstanceOf(ObjectTamperedException.class);
    }

    @Test
    void extensionIsDetected() throws IOException {
        store.put(KEY, bytes(40));
        byte[] stored = raw.bytes(KEY);

        raw.overwrite(KEY, concat(stored, new byte[] {0}));
        assertTampered("one byte appended");
        // A whole segment copied from the object itself, after its last.
        byte[] segment = Arrays.copyOfRange(stored, (int) format.segmentOffset(0), (int) format.segmentOffset(1));
        raw.overwrite(KEY, concat(stored, segment));
        assertTampered("segment appended");
    }

    @Test
    void swappedAndDuplicatedSegmentsAreDetected() throws IOException {
        store.put(KEY, bytes(48));
        byte[] stored = raw.bytes(KEY);
        int s0 = (int) format.segmentOffset(0);
        int s1 = (int) format.segmentOffset(1);
        int s2 = (int) format.segmentOffset(2);

        byte[] swapped = stored.clone();
        System.arraycopy(stored, s1, swapped, s0, s1 - s0);
        System.arraycopy(stored, s0, swapped, s1, s1 - s0);
        raw.overwrite(KEY, swapped);
        assertTampered("segments 0 and 1 swapped");

        byte[] duplicated = stored.clone();
        System.arraycopy(stored, s0, duplicated, s1, s2 - s1);
        raw.overwrite(KEY, duplicated);
        assertTampered("segment 0 copied over 1");
    }

    @Test
    void everyFlippedBitIsDetected() throws IOException {
        store.put(KEY, bytes(40));
        byte[] stored = raw.bytes(KEY);

        for (int i = 0; i < stored.length; i++) {
            byte[] damaged = stored.clone();
            damaged[i] ^= (byte) (1 << (i % 8));
            raw.overwrite(KEY, damaged);
            assertTampered("bit flipped in byte " + i);
        }
    }

    @Test
    void aWrongKeyOrAnotherObjectNameFailsAuthentication() throws IOException {
        store.put(KEY, bytes(40));

        ObjectStore wrong = new EncryptingObjectStore(raw, TestKeys.wrongKey(), SEGMENT, k -> true);
        assertThatThrownBy(() -> read(wrong.get(KEY))).isInstanceOf(ObjectTamperedException.class);

        // The object key is bound into the per-object key: a copy under another name does not decrypt.
        raw.put("blocks/other", raw.bytes(KEY));
        assertThatThrownBy(() -> read(store.get("blocks/other"))).isInstanceOf(ObjectTamperedException.class)
                .hasMessageContaining("blocks/other");
    }

    @Test
    void twoWritesOfTheSameBytesDifferWhenStored() throws IOException {
        store.put(KEY, bytes(40));
        byte[] first = raw.bytes(KEY);
        store.put(KEY, bytes(40));

        assertThat(raw.bytes(KEY)).isNotEqualTo(first);
        assertThat(read(store.get(KEY))).isEqualTo(bytes(40));
    }

    @Test
    void aFailureStaysFailed() throws IOException {
        store.put(KEY, bytes(40));
        byte[] damaged = raw.bytes(KEY);
        damaged[damaged.length - 1] ^= 1;
        raw.overwrite(KEY, damaged);

        try (InputStream in = store.get(KEY)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(ObjectTamperedException.class);
            assertThatThrownBy(in::read).isInstanceOf(ObjectTamperedException.class);
        }
    }

    @Test
    void storedSizeAndPlaintextSizeAreInverse() {
        StreamFormat real = new StreamFormat(65536);
        for (long size : new long[] {0, 1, 65535, 65536, 65537, 131072, 131073, 10_000_000, 1L << 40}) {
            assertThat(real.plaintextSize(real.storedSize(size))).as("size %d", size).isEqualTo(size);
        }
        assertThat(real.storedSize(0)).isEqualTo(StreamFormat.HEADER_SIZE + StreamFormat.TAG_SIZE);
        assertThat(real.plaintextSize(5)).isZero();
    }

    private void assertTampered(String what) {
        assertThatThrownBy(() -> read(store.get(KEY))).as(what).isInstanceOf(ObjectTamperedException.class)
                .hasMessageContaining(KEY);
        assertThatThrownBy(() -> read(store.getRange(KEY, 0, 1000))).as(what + ", as a range")
                .isInstanceOf(ObjectTamperedException.class);
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
