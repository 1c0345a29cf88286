package io.promdr.core.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the parts of one multipart upload on background threads while the writer fills the next
 * part, so that compression and upload overlap instead of taking turns.
 *
 * <p>Memory stays bounded: at most {@code maxInFlight} parts are being sent, each in its own
 * buffer, plus the one the writer fills; {@link #submit} blocks while all are busy and returns an
 * emptied buffer to fill next. The first failure of any part is rethrown by the next
 * {@link #submit} or by {@link #finish}; parts still queued after it are not sent.
 */
final class ConcurrentPartUploads {
    /** Sends one part and returns its ETag. Called on a background thread, at most maxInFlight at once. */
    @FunctionalInterface
    interface PartSender {
        String send(int partNumber, byte[] bytes, int length) throws IOException;
    }

    /** One part that was sent: its number and ETag. */
    record SentPart(int partNumber, String eTag) {
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final PartSender sender;
    private final int maxInFlight;
    private final ExecutorService executor;
    private final Deque<byte[]> freeBuffers = new ArrayDeque<>();
    private final List<SentPart> sent = new ArrayList<>();
    private int inFlight;
    private int buffersCreated;
    private Exception failure;
    private boolean closed;

    ConcurrentPartUploads(PartSender sender, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one part in flight: " + maxInFlight);
        }
        this.sender = sender;
        this.maxInFlight = maxInFlight;
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "promdr-part-upload-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(maxInFlight, threads);
    }

    /**
     * Queues {@code buffer[0..length)} as part {@code partNumber} (the caller no longer touches
     * {@code buffer}) and returns a buffer of at least {@code nextCapacity} bytes to fill next,
     * waiting while {@code maxInFlight} parts are being sent.
     */
    synchronized byte[] submit(int partNumber, byte[] buffer, int length, int nextCapacity) throws IOException {
        awaitBelow(maxInFlight);
        rethrowFailure();
        inFlight++;
        executor.execute(() -> send(partNumber, buffer, length));
        byte[] next = freeBuffers.pollFirst();
        while (next != null && next.length < nextCapacity) {
            next = freeBuffers.pollFirst();
        }
        if (next == null) {
            buffersCreated++;
            next = new byte[nextCapacity];
        }
        return next;
    }

    /** Waits for every queued part and returns them all in part order; rethrows the first failure. */
    synchronized List<SentPart> finish() throws IOException {
        awaitBelow(1);
        shutdown();
        rethrowFailure();
        List<SentPart> parts = new ArrayList<>(sent);
        parts.sort(Comparator.comparingInt(SentPart::partNumber));
        return parts;
    }

    /** Stops sending: queued parts are dropped, a part being sent finishes or fails on its own. */
    synchronized void cancel() {
        if (failure == null) {
            failure = new IOException("upload cancelled");
        }
        shutdown();
    }

    /** Parts queued or being sent right now. For tests of the memory bound. */
    synchronized int inFlight() {
        return inFlight;
    }

    /** Part buffers allocated so far (the writer's first one not counted). For tests of the memory bound. */
    synchronized int buffersCreated() {
        return buffersCreated;
    }

    /** Parts sent successfully so far. */
    synchronized int sentParts() {
        return sent.size();
    }

    /** Waits until every queued part was sent or failed; for tests that look at the server. */
    synchronized void awaitIdle() throws IOException {
        awaitBelow(1);
    }

    private void send(int partNumber, byte[] buffer, int length) {
        String eTag = null;
        Exception error = null;
        boolean skip;
        synchronized (this) {
            skip = failure != null;
        }
        if (!skip) {
            try {
                eTag = sender.send(partNumber, buffer, length);
            } catch (IOException | RuntimeException e) {
                error = e;
            }
        }
        synchronized (this) {
            if (eTag != null) {
                sent.add(new SentPart(partNumber, eTag));
            } else if (error != null && failure == null) {
                failure = error;
            }
            freeBuffers.addLast(buffer);
            inFlight--;
            notifyAll();
        }
    }

    private void awaitBelow(int limit) throws IOException {
        while (inFlight >= limit) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new InterruptedIOException("interrupted while waiting for part uploads");
            }
        }
    }

    /** The first failure as it was raised (a PromdrException keeps its exit code), on the writer's thread. */
    private void rethrowFailure() throws IOException {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof IOException e) {
            throw e;
        }
    }

    private void shutdown() {
        if (!closed) {
            closed = true;
            executor.shutdown();
        }
    }
}
