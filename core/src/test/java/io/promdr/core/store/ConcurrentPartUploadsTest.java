package io.promdr.core.store;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrentPartUploadsTest {
    private static final int PART = 1024;

    @Test
    void sendsEveryPartOnceWithItsBytesAndReturnsThemInOrder() throws IOException {
        Map<Integer, byte[]> received = new ConcurrentHashMap<>();
        ConcurrentPartUploads uploads = new ConcurrentPartUploads((number, bytes, length) -> {
            received.put(number, Arrays.copyOf(bytes, length));
            return "etag-" + number;
        }, 3);

        byte[] buffer = new byte[PART];
        for (int part = 1; part <= 20; part++) {
            Arrays.fill(buffer, (byte) part);
            buffer = uploads.submit(part, buffer, part == 20 ? 10 : PART, PART);
        }
        List<ConcurrentPartUploads.SentPart> parts = uploads.finish();

        assertThat(parts).extracting(ConcurrentPartUploads.SentPart::partNumber)
                .containsExactlyElementsOf(range(1, 20));
        assertThat(parts).extracting(ConcurrentPartUploads.SentPart::eTag).first().isEqualTo("etag-1");
        for (int part = 1; part <= 20; part++) {
            byte[] expected = new byte[part == 20 ? 10 : PART];
            Arrays.fill(expected, (byte) part);
            assertThat(received.get(part)).as("part %d", part).isEqualTo(expected);
        }
        // Buffers are reused: never more than one per part in flight besides the writer's.
        assertThat(uploads.buffersCreated()).isLessThanOrEqualTo(3);
    }

    @Test
    void sendsPartsConcurrentlyButNeverMoreThanTheLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger sending = new AtomicInteger();
        AtomicInteger maxSending = new AtomicInteger();
        CountDownLatch twoStarted = new CountDownLatch(2);
        ConcurrentPartUploads uploads = new ConcurrentPartUploads((number, bytes, length) -> {
            maxSending.accumulateAndGet(sending.incrementAndGet(), Math::max);
            twoStarted.countDown();
            awaitQuietly(release);
            sending.decrementAndGet();
            return "e" + number;
        }, 2);

        byte[] buffer = uploads.submit(1, new byte[PART], PART, PART);
        buffer = uploads.submit(2, buffer, PART, PART);
        assertThat(twoStarted.await(10, TimeUnit.SECONDS)).as("both parts sent at once").isTrue();
        byte[] third = buffer;
        CompletableFuture<byte[]> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return uploads.submit(3, third, PART, PART);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(uploads.inFlight()).isEqualTo(2);
        assertThat(blocked).isNotDone();

        release.countDown();
        blocked.get(10, TimeUnit.SECONDS);
        assertThat(uploads.finish()).hasSize(3);
        assertThat(maxSending.get()).isEqualTo(2);
    }

    @Test
    void theFirstFailureIsRethrownToTheWriterAsRaised() throws IOException {
        PromdrException denied = new PromdrException(ErrorCode.ACCESS_DENIED, "access denied to part 2", "check the keys");
        ConcurrentPartUploads uploads = new ConcurrentPartUploads((number, bytes, length) -> {
            if (number == 2) {
                throw denied;
            }
            return "e" + number;
        }, 1);

        byte[] buffer = uploads.submit(1, new byte[PART], PART, PART);
        buffer = uploads.submit(2, buffer, PART, PART);
        byte[] next = buffer;

        // With one part in flight, the third submit waits for part 2 and sees its failure.
        assertThatThrownBy(() -> uploads.submit(3, next, PART, PART)).isSameAs(denied);
        assertThatThrownBy(uploads::finish).isSameAs(denied);
    }

    @Test
    void anIoFailureFailsFinish() throws IOException {
        ConcurrentPartUploads uploads = new ConcurrentPartUploads((number, bytes, length) -> {
            throw new IOException("connection reset on part " + number);
        }, 2);

        uploads.submit(1, new byte[PART], PART, PART);

        assertThatThrownBy(uploads::finish).isInstanceOf(IOException.class).hasMessage("connection reset on part 1");
    }

    @Test
    void afterCancelNoFurtherPartIsSent() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<Integer> sent = new ArrayList<>();
        ConcurrentPartUploads uploads = new ConcurrentPartUploads((number, bytes, length) -> {
            started.countDown();
            awaitQuietly(release);
            synchronized (sent) {
                sent.add(number);
            }
            return "e" + number;
        }, 1);
        uploads.submit(1, new byte[PART], PART, PART);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // A part being sent finishes on its own; nothing after the cancel is sent.
        uploads.cancel();
        release.countDown();
        uploads.awaitIdle();

        assertThatThrownBy(() -> uploads.submit(2, new byte[PART], PART, PART)).hasMessageContaining("cancelled");
        assertThat(sent).containsExactly(1);
        assertThat(uploads.inFlight()).isZero();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
