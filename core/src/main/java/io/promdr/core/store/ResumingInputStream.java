package io.promdr.core.store;

import io.promdr.core.io.BulkReadInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * A read of an object (or a range of it) that, when the underlying stream fails part-way, asks
 * for the rest from the first byte not yet returned. The caller sees one uninterrupted stream.
 * Each resume must make progress: a failure before any new byte is read is rethrown, so a
 * stream that always fails at the same place cannot loop.
 */
final class ResumingInputStream extends BulkReadInputStream {
    /** Opens {@code length} bytes of {@code key} from {@code offset} after {@code failure}, or rethrows it. */
    @FunctionalInterface
    interface Reopener {
        InputStream reopen(String key, long offset, long length, IOException failure) throws IOException;
    }

    private final String key;
    private final long end;
    private final Reopener reopener;
    private InputStream current;
    private long position;
    private boolean progressSinceResume = true;

    /** @param length bytes wanted from {@code offset}; {@code Long.MAX_VALUE - offset} or more means "to the end" */
    ResumingInputStream(InputStream first, String key, long offset, long length, Reopener reopener) {
        this.current = first;
        this.key = key;
        this.position = offset;
        this.end = length >= Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + length;
        this.reopener = reopener;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                int n = current.read(b, off, len);
                if (n > 0) {
                    position += n;
                    progressSinceResume = true;
                }
                return n;
            } catch (IOException e) {
                if (!progressSinceResume || position >= end) {
                    throw e;
                }
                closeQuietly();
                progressSinceResume = false;
                long remaining = end == Long.MAX_VALUE ? Long.MAX_VALUE - position : end - position;
                current = reopener.reopen(key, position, remaining, e);
            }
        }
    }

    @Override
    public int available() throws IOException {
        return current.available();
    }

    @Override
    public void close() throws IOException {
        current.close();
    }

    private void closeQuietly() {
        try {
            current.close();
        } catch (IOException ignored) {
            // The stream already failed; its close failing too changes nothing.
        }
    }
}
