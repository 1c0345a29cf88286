package io.promdr.core.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes written files durable on a background thread: {@link #syncAndClose} hands over a file
 * channel whose data is all written, and the next file is written while this one is flushed to
 * disk (a restore's chunk files are up to 512 MiB; flushing one used to stop decompression).
 * {@link #await()} returns once every handed-over file is durable and closed, and rethrows the
 * first failure: callers make files visible only after it. {@link #close()} closes whatever is
 * still pending, durable or not (after a failure, when the files are about to be deleted).
 */
public final class BackgroundSync implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "promdr-fsync-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final List<Future<?>> pending = new ArrayList<>();
    private final List<FileChannel> open = new ArrayList<>();

    /** Forces {@code channel} (data and metadata) to disk, then closes it; this object owns it from now on. */
    public synchronized void syncAndClose(FileChannel channel) {
        open.add(channel);
        pending.add(executor.submit(() -> {
            try (channel) {
                channel.force(true);
            }
            return null;
        }));
    }

    /** Waits until every file handed over is durable and closed; rethrows the first failure as raised. */
    public void await() throws IOException {
        List<Future<?>> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(pending);
        }
        IOException first = null;
        for (Future<?> future : waiting) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for files to reach the disk");
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
        }
        synchronized (this) {
            pending.removeAll(waiting);
            open.clear();
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        synchronized (this) {
            for (FileChannel channel : open) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // best effort: the caller is cleaning up after a failure
                }
            }
            open.clear();
        }
    }
}
