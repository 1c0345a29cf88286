package io.promdr.core.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes and writes the files of an archive on a background thread while the caller
 * decompresses the next bytes: a restore's one zstd stream then shares the work of a file's
 * SHA-256 and its {@code write} calls with a second core instead of doing all three in turn.
 *
 * <p>The caller fills buffers it takes with {@link #take()} and hands them over with
 * {@link #submit}; they are hashed and written in order. Memory is bounded by {@code buffers x
 * bufferSize}: {@link #take()} waits while every buffer is queued. {@link #finish()} waits for
 * the current file's bytes and rethrows, as raised, the first failure of a write (a full disk
 * stays a full disk). One writer serves one archive; {@link #close()} stops its thread.
 */
final class PipelinedFileWriter implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final BlockingQueue<byte[]> free;
    private final ExecutorService executor;
    private volatile Exception failure;

    PipelinedFileWriter(int bufferSize, int buffers) {
        this.free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[bufferSize]);
        }
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "promdr-file-writer-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A free buffer to fill; waits while all are queued for writing. */
    byte[] take() throws IOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for file writes");
        }
    }

    /** Gives back a buffer that was taken but not submitted. */
    void giveBack(byte[] buffer) {
        free.offer(buffer);
    }

    /** Queues {@code buffer[0..length)} to be hashed into {@code sha256} and written to {@code out}, in order. */
    void submit(byte[] buffer, int length, Sha256 sha256, OutputStream out) throws IOException {
        rethrowFailure();
        executor.execute(() -> {
            try {
                if (failure == null) {
                    sha256.update(buffer, 0, length);
                    out.write(buffer, 0, length);
                }
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                free.offer(buffer);
            }
        });
    }

    /** Waits until every submitted buffer was hashed and written; rethrows the first failure. */
    void finish() throws IOException {
        Future<?> done = executor.submit(() -> { });
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for file writes");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        rethrowFailure();
    }

    /** As {@link #finish()} after another failure: waits, so nothing writes to a file being cleaned up, and keeps quiet. */
    void finishQuietly(Exception primary) {
        try {
            finish();
        } catch (IOException | RuntimeException e) {
            if (e != primary) {
                primary.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void rethrowFailure() throws IOException {
        Exception e = failure;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
    }
}
