package io.promdr.core.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadInputStreamTest {
    @Test
    void passesEveryByteThroughInOrder() throws IOException {
        byte[] data = new byte[100_003];
        new Random(7).nextBytes(data);

        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), 4096, 3)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void singleByteReadsAndAnEmptySource() throws IOException {
        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(new byte[] {(byte) 200, 1}), 1, 1)) {
            assertThat(in.read()).isEqualTo(200);
            assertThat(in.read()).isEqualTo(1);
            assertThat(in.read()).isEqualTo(-1);
        }
        try (InputStream in = new ReadAheadInputStream(InputStream.nullInputStream())) {
            assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
        }
    }

    @Test
    void readsNoMoreThanTheBoundAhead() throws Exception {
        AtomicInteger served = new AtomicInteger();
        CountDownLatch blocked = new CountDownLatch(1);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = Math.min(len, 10);
                // The reader stops asking once the queue is full: (chunks + 1 being handed over) x chunk size.
                if (served.addAndGet(n) >= 3 * 100) {
                    blocked.countDown();
                }
                return n;
            }
        };
        try (InputStream in = new ReadAheadInputStream(endless, 100, 2)) {
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(served.get()).isEqualTo(3 * 100);
            assertThat(in.read(new byte[50], 0, 50)).isEqualTo(50);
        }
    }

    @Test
    void aFailureOfTheSourceIsRethrownAtItsPlaceAndStays() throws IOException {
        IOException reset = new IOException("connection reset");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[10]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw reset;
            }
        });
        try (InputStream in = new ReadAheadInputStream(failing, 4, 2)) {
            assertThat(in.readNBytes(8)).hasSize(8);
            assertThatThrownBy(in::readAllBytes).isSameAs(reset);
            assertThatThrownBy(in::read).isSameAs(reset);
        }
    }

    @Test
    void closeClosesTheSourceAndStopsReading() throws IOException {
        AtomicInteger closes = new AtomicInteger();
        InputStream source = new ByteArrayInputStream(new byte[1 << 20]) {
            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        InputStream in = new ReadAheadInputStream(source, 1024, 2);
        in.read();
        in.close();
        in.close();

        assertThat(closes.get()).isEqualTo(1);
        assertThatThrownBy(in::read).hasMessage("stream closed");
    }
}
