package io.promdr.core.store;

import io.promdr.core.retry.Retrier;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.core.retry.TransientFailures;
import io.promdr.core.store.FaultInjectingObjectStore.Fault;
import io.promdr.core.store.FaultInjectingObjectStore.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelRangeInputStreamTest {
    private static final int RANGE = 1000;

    private final InMemoryObjectStore real = new InMemoryObjectStore();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, RANGE - 1, RANGE, RANGE + 1, 2 * RANGE, 10 * RANGE + 3})
    void reassemblesTheObjectByteForByte(int size) throws IOException {
        byte[] content = TestBytes.slice(size, size);
        real.put("blocks/b", content);

        assertThat(readAll(real, "blocks/b", size, 3)).isEqualTo(content);
        // Small reads through the buffers give the same bytes as bulk reads.
        try (InputStream in = new ParallelRangeInputStream(real, "blocks/b", size, RANGE, 2)) {
            byte[] read = new byte[size];
            for (int i = 0; i < size; i++) {
                read[i] = (byte) in.read();
            }
            assertThat(in.read()).isEqualTo(-1);
            assertThat(read).isEqualTo(content);
        }
    }

    @Test
    void anObjectLongerOrShorterThanRecordedDoesNotLookComplete() throws IOException {
        byte[] content = TestBytes.slice(7, 5 * RANGE);
        real.put("blocks/b", content);

        // Recorded one range shorter: the reader sees one byte more than recorded (and no more is fetched).
        assertThat(readAll(real, "blocks/b", 4 * RANGE, 3)).isEqualTo(Arrays.copyOf(content, 4 * RANGE + 1));
        // Recorded longer: the reader sees the object end where it really ends.
        assertThat(readAll(real, "blocks/b", 7 * RANGE, 3)).isEqualTo(content);
        assertThat(readAll(real, "blocks/b", 5 * RANGE - 1, 3)).isEqualTo(content);
    }

    @Test
    void neverAsksForMoreRangesThanInFlightBeyondWhatWasRead() throws IOException {
        real.put("blocks/b", TestBytes.slice(1, 20 * RANGE));
        List<Long> requested = new CopyOnWriteArrayList<>();
        ObjectStore counting = new ForwardingObjectStore(real) {
            @Override
            public InputStream getRange(String key, long offset, long length) throws IOException {
                requested.add(offset);
                return super.getRange(key, offset, length);
            }
        };

        try (InputStream in = new ParallelRangeInputStream(counting, "blocks/b", 20 * RANGE, RANGE, 3)) {
            // Only the reader asks for more ranges: 3 ahead of the one it reads, so 4 buffers at most.
            awaitSize(requested, 3);
            in.read();
            awaitSize(requested, 4);
            in.readNBytes(RANGE - 1);
            assertThat(requested).hasSize(4);
            in.read();
            awaitSize(requested, 5);
            assertThat(requested).containsExactlyInAnyOrder(0L, (long) RANGE, 2L * RANGE, 3L * RANGE, 4L * RANGE);
        }
    }

    @Test
    void transientFailuresAndResetsOfRangesAreRetriedThroughTheStore() throws IOException {
        byte[] content = TestBytes.slice(11, 9 * RANGE + 17);
        real.put("blocks/b", content);
        FaultInjectingObjectStore faulty = new FaultInjectingObjectStore(real).plan(
                Fault.fail(Op.GET_RANGE, "blocks/b", 2, () -> new SocketException("Connection reset")),
                Fault.resetRangeAfter("blocks/b", 5, RANGE / 2),
                Fault.resetRangeAfter("blocks/b", 8, 1));
        ObjectStore retrying = new RetryingObjectStore(faulty, new Retrier(RetryPolicy.DEFAULT, TransientFailures::isTransient,
                d -> { }, System::nanoTime, new Random(1)));

        assertThat(readAll(retrying, "blocks/b", content.length, 4)).isEqualTo(content);
        faulty.assertAllFired();
    }

    @Test
    void aCorruptRangeReachesTheReaderSoTheChecksumCatchesIt() throws IOException {
        byte[] content = TestBytes.slice(13, 4 * RANGE);
        real.put("blocks/b", content);
        FaultInjectingObjectStore faulty = new FaultInjectingObjectStore(real).plan(Fault.corruptRange("blocks/b", 3, 10));

        byte[] read = readAll(faulty, "blocks/b", content.length, 2);

        assertThat(read).hasSameSizeAs(content).isNotEqualTo(content);
        faulty.assertAllFired();
    }

    @Test
    void aPermanentFailureIsRethrownAsRaisedOnEveryLaterRead() throws IOException {
        real.put("blocks/b", TestBytes.slice(3, 6 * RANGE));
        ObjectStore thirdRangeGone = new ForwardingObjectStore(real) {
            @Override
            public InputStream getRange(String key, long offset, long length) throws IOException {
                if (offset == 2 * RANGE) {
                    throw new ObjectNotFoundException("mem://", key);
                }
                return super.getRange(key, offset, length);
            }
        };

        try (InputStream in = new ParallelRangeInputStream(thirdRangeGone, "blocks/b", 6 * RANGE, RANGE, 2)) {
            assertThat(in.readNBytes(2 * RANGE)).hasSize(2 * RANGE);
            assertThatThrownBy(in::read).isInstanceOf(ObjectNotFoundException.class);
            assertThatThrownBy(() -> in.read(new byte[10])).isInstanceOf(ObjectNotFoundException.class);
        }
        assertThatThrownBy(() -> readAll(real, "blocks/missing", 5 * RANGE, 2)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void closingWhileRangesAreInFlightStopsTheThreads() throws IOException {
        real.put("blocks/b", TestBytes.slice(3, 50 * RANGE));
        AtomicInteger opened = new AtomicInteger();
        ObjectStore counting = new ForwardingObjectStore(real) {
            @Override
            public InputStream getRange(String key, long offset, long length) throws IOException {
                opened.incrementAndGet();
                return super.getRange(key, offset, length);
            }
        };
        InputStream in = new ParallelRangeInputStream(counting, "blocks/b", 50 * RANGE, RANGE, 4);
        in.read();
        in.close();

        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("stream closed");
        assertThat(opened.get()).isLessThanOrEqualTo(5);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new ParallelRangeInputStream(real, "k", -1, RANGE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParallelRangeInputStream(real, "k", 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParallelRangeInputStream(real, "k", 1, RANGE, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitSize(List<?> list, int size) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(list).hasSize(size);
    }

    private static byte[] readAll(ObjectStore store, String key, long size, int inFlight) throws IOException {
        try (InputStream in = new ParallelRangeInputStream(store, key, size, RANGE, inFlight)) {
            return in.readAllBytes();
        }
    }
}
