package io.promdr.core.io;

import java.io.IOException;
import java.util.Objects;

/**
 * A stream whose bytes other threads produce a chunk at a time (read ahead, fetched as ranges):
 * a subclass makes a chunk current in {@link #fill()}, and the reader copies out of it here.
 */
public abstract class ChunkHandOffInputStream extends BulkReadInputStream {
    /** Next unread byte of the current chunk; {@link #fill()} sets it to 0 with each new chunk. */
    protected int position;
    /** Set by close, possibly from another thread while a read waits in {@link #fill()}. */
    protected volatile boolean closed;

    @Override
    public final int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, currentLength() - position);
        System.arraycopy(currentBytes(), position, bytes, offset, n);
        position += n;
        return n;
    }

    /**
     * Makes a chunk with unread bytes current, waiting for it if needed; false at the end. A
     * producer's failure is rethrown as raised.
     */
    protected abstract boolean fill() throws IOException;

    /** The current chunk's bytes, valid from 0 to {@link #currentLength()}. */
    protected abstract byte[] currentBytes();

    protected abstract int currentLength();
}
