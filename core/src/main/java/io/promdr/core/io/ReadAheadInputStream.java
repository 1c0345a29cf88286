package io.promdr.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads its source on a background thread, up to {@code chunks} chunks of {@code chunkSize}
 * bytes ahead of the reader, so that waiting for the network overlaps with what the reader does
 * with the bytes (a restore decompresses, hashes and writes them). Memory is bounded by
 * {@code (chunks + 2) x chunkSize}. A failure of the source is rethrown, as raised, by the read
 * that reaches it. {@link #close()} stops the background thread and closes the source.
 */
public final class ReadAheadInputStream extends ChunkHandOffInputStream {
    public static final int DEFAULT_CHUNK_SIZE = 1 << 20;
    public static final int DEFAULT_CHUNKS = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** What the background thread hands over: bytes, the end, or the source's failure. */
    private record Chunk(byte[] bytes, int length, Exception failure) {
        static final Chunk END = new Chunk(new byte[0], -1, null);
    }

    private final InputStream source;
    private final int chunkSize;
    private final BlockingQueue<Chunk> queue;
    /**
     * Chunks the reader has copied out, for the background thread to fill again: a new array per
     * chunk made a restore of 2 GB allocate 2 GB, and the young collections copying the chunks in
     * the queue cost over a CPU-second.
     */
    private final Queue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private Chunk current;

    public ReadAheadInputStream(InputStream source) {
        this(source, DEFAULT_CHUNK_SIZE, DEFAULT_CHUNKS);
    }

    public ReadAheadInputStream(InputStream source, int chunkSize, int chunks) {
        if (chunkSize < 1 || chunks < 1) {
            throw new IllegalArgumentException("chunk size and count must be >= 1: " + chunkSize + ", " + chunks);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.chunkSize = chunkSize;
        this.queue = new ArrayBlockingQueue<>(chunks);
        this.thread = new Thread(this::readAhead, "promdr-read-ahead-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
        this.thread.start();
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
        return current == null || current.length() < 0 ? 0 : current.length() - position;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        queue.clear();
        source.close();
    }

    /** Makes {@code current} hold unread bytes; false at the end. A failure stays: every later read rethrows it. */
    @Override
    protected boolean fill() throws IOException {
        while (true) {
            if (current != null) {
                if (current.failure() instanceof IOException e) {
                    throw e;
                }
                if (current.failure() instanceof RuntimeException e) {
                    throw e;
                }
                if (current.length() < 0) {
                    return false;
                }
                if (position < current.length()) {
                    return true;
                }
                // Every byte was copied out by read: the background thread may fill it again.
                if (current.bytes().length == chunkSize) {
                    free.offer(current.bytes());
                }
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading ahead");
            }
            position = 0;
        }
    }

    private void readAhead() {
        try {
            while (!closed) {
                byte[] buffer = free.poll();
                if (buffer == null) {
                    buffer = new byte[chunkSize];
                }
                int n = source.readNBytes(buffer, 0, chunkSize);
                if (n > 0) {
                    queue.put(new Chunk(buffer, n, null));
                }
                if (n < chunkSize) {
                    queue.put(Chunk.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed: nobody reads any more
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                try {
                    queue.put(new Chunk(null, 0, e));
                } catch (InterruptedException ignored) {
                    // closed meanwhile
                }
            }
        }
    }
}
