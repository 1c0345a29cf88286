package io.promdr.core.crypto;

import io.promdr.core.io.BulkReadInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decrypts stored segments {@code first..lastWanted} of an object as they are read, one segment
 * in memory. Whether a segment is the object's last is decided by the stored stream: a segment
 * shorter than a full one, or a full one that no byte follows, is the last, and its tag proves
 * it (the writer marked it so). Thus a truncated object (its new last segment was not written as
 * last), an extended one (the real last one is now followed by bytes) and a reordered one fail
 * authentication. A range stops after {@code lastWanted}; its source must hold one byte more
 * than that segment when one exists, so that the last-segment test stays exact.
 *
 * <p>{@code skip} plaintext bytes of the first segment are dropped and at most {@code limit}
 * bytes are returned: that cuts a plaintext range out of whole segments.
 */
final class DecryptingInputStream extends BulkReadInputStream {
    private final InputStream in;
    private final ObjectCipher cipher;
    private final long lastWanted;
    private final byte[] sealed;
    private final byte[] plain;
    private long segment;
    private long skip;
    private long remaining;
    private int position;
    private int available;
    private int lookahead = -1;
    private boolean sawLast;
    private boolean done;
    private RuntimeException failure;

    DecryptingInputStream(InputStream in, ObjectCipher cipher, StreamFormat format, long first, long lastWanted,
                          long skip, long limit) {
        this.in = in;
        this.cipher = cipher;
        this.lastWanted = lastWanted;
        this.sealed = new byte[format.storedSegmentSize()];
        this.plain = new byte[format.segmentSize()];
        this.segment = first;
        this.skip = skip;
        this.remaining = limit;
    }

    /** The whole object from its first segment. */
    static DecryptingInputStream whole(InputStream in, ObjectCipher cipher, StreamFormat format) {
        return new DecryptingInputStream(in, cipher, format, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE);
    }

    /** True once the object's last segment was read and authenticated. */
    boolean sawLast() {
        return sawLast;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        while (position == available) {
            if (!nextSegment()) {
                return -1;
            }
        }
        int n = (int) Math.min(Math.min(length, available - position), remaining);
        System.arraycopy(plain, position, bytes, offset, n);
        position += n;
        remaining -= n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(available - position, remaining);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads and decrypts the next segment; false at the end. A failure stays: every later read rethrows it. */
    private boolean nextSegment() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (done) {
            return false;
        }
        try {
            int n = 0;
            if (lookahead >= 0) {
                sealed[n++] = (byte) lookahead;
                lookahead = -1;
            }
            n += in.readNBytes(sealed, n, sealed.length - n);
            boolean last = n < sealed.length;
            if (!last) {
                lookahead = in.read();
                last = lookahead < 0;
            }
            available = cipher.decrypt(segment, last, sealed, n, plain);
            position = (int) Math.min(skip, available);
            skip -= position;
            sawLast = last;
            done = last || segment == lastWanted;
            segment++;
            return true;
        } catch (ObjectTamperedException e) {
            failure = e;
            throw e;
        }
    }
}
