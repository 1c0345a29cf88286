package io.promdr.core.store;

import io.promdr.core.io.ChunkHandOffInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one large object as consecutive ranges fetched by {@code rangesInFlight} background
 * threads at once, through {@link ObjectStore#getRange} (so decorators such as retries, read-only
 * guards or client-side encryption see ordinary range reads), and returns the bytes in order.
 * One HTTP stream from a local S3 server is limited by what one thread on each side can do; a
 * few ranges at a time keep both cores busy while the reader decompresses.
 *
 * <p>The object is read up to {@code expectedSize}, the size the manifest records, plus one
 * byte: an object longer than recorded yields that extra byte and an object shorter ends early,
 * so the caller's size and SHA-256 check sees both. Nothing beyond that is requested.
 *
 * <p>Memory is bounded: at most {@code rangesInFlight} ranges are being fetched or wait to be
 * read, each in its own buffer of {@code rangeSize} bytes, plus the one being read, so
 * {@code (rangesInFlight + 1) x rangeSize} bytes. A failure of a range (after the store's own
 * retries) is rethrown, as raised, by the read that reaches it. {@link #close()} cancels what is
 * in flight and may be called from another thread while a read waits.
 */
public final class ParallelRangeInputStream extends ChunkHandOffInputStream {
    /**
     * 4 MiB ranges, 3 in flight: 16 MiB of buffers per object being read, which fit in the
     * launcher's 88 MiB heap, and ranges large enough that a request's overhead is under 1 %.
     */
    public static final int DEFAULT_RANGE_SIZE = 4 << 20;
    public static final int DEFAULT_RANGES_IN_FLIGHT = 3;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ObjectStore store;
    private final String key;
    private final long end;
    private final int rangeSize;
    private final ExecutorService executor;
    private final Deque<Future<Range>> inFlight = new ArrayDeque<>();
    private final BlockingQueue<byte[]> freeBuffers;
    private long nextOffset;
    private Range current;
    private boolean ended;
    private Exception failure;

    /** One fetched range: its bytes, how many there are, and whether the object ended inside it. */
    private record Range(byte[] bytes, int length, boolean last) {
    }

    /**
     * @param expectedSize the object's size as recorded; ranges cover {@code expectedSize + 1} bytes
     * @param rangeSize    bytes per range request (and per buffer)
     */
    public ParallelRangeInputStream(ObjectStore store, String key, long expectedSize, int rangeSize, int rangesInFlight) {
        if (expectedSize < 0 || rangeSize < 1 || rangesInFlight < 1) {
            throw new IllegalArgumentException("size " + expectedSize + ", range size " + rangeSize + ", ranges "
                    + rangesInFlight);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        // One byte past the recorded size: a longer object must not look like a matching one.
        this.end = expectedSize + 1;
        this.rangeSize = rangeSize;
        this.freeBuffers = new ArrayBlockingQueue<>(rangesInFlight + 1);
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "promdr-range-get-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(rangesInFlight, threads);
        for (int i = 0; i < rangesInFlight && nextOffset < end; i++) {
            submitNext();
        }
    }

    @Override
    protected byte[] currentBytes() {
        return current.bytes();
    }

    @Override
    protected int currentLength() {
        return current.length();
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - position;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (inFlight) {
            inFlight.forEach(f -> f.cancel(true));
            inFlight.clear();
        }
        executor.shutdownNow();
    }

    /** Makes {@code current} hold unread bytes; false at the end of the object. */
    @Override
    protected boolean fill() throws IOException {
        rethrowFailure();
        while (current == null || position == current.length()) {
            if (current != null) {
                freeBuffers.offer(current.bytes());
                if (current.last()) {
                    ended = true;
                }
                current = null;
            }
            if (ended) {
                return false;
            }
            Future<Range> next;
            synchronized (inFlight) {
                next = inFlight.pollFirst();
            }
            if (next == null) {
                ended = true;
                return false;
            }
            current = await(next);
            position = 0;
            if (!current.last() && nextOffset < end) {
                submitNext();
            }
        }
        return true;
    }

    private Range await(Future<Range> range) throws IOException {
        try {
            return range.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + key);
        } catch (CancellationException e) {
            throw new IOException("stream closed");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            failure = cause instanceof Exception exception ? exception : new IOException(cause);
            rethrowFailure();
            throw new IllegalStateException("unreachable");
        }
    }

    /** A failed range stays failed: every later read rethrows it, as raised (a PromdrException keeps its code). */
    private void rethrowFailure() throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
    }

    private void submitNext() {
        long offset = nextOffset;
        int length = (int) Math.min(rangeSize, end - offset);
        nextOffset += length;
        synchronized (inFlight) {
            if (!closed) {
                inFlight.addLast(executor.submit(() -> fetch(offset, length)));
            }
        }
    }

    /** Reads one range to its end; a range shorter than asked is where the object ends. */
    private Range fetch(long offset, int length) throws IOException {
        byte[] buffer = freeBuffers.poll();
        if (buffer == null) {
            buffer = new byte[rangeSize];
        }
        int n;
        try (InputStream in = store.getRange(key, offset, length)) {
            n = in.readNBytes(buffer, 0, length);
            if (n == length && offset + length == end) {
                // The extra byte was there: the object is longer than recorded; let the reader see more.
                return new Range(buffer, n, true);
            }
        }
        return new Range(buffer, n, n < length);
    }
}
