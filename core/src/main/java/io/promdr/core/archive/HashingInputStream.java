package io.promdr.core.archive;

import io.promdr.core.io.UnmarkableInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through while counting them and computing their SHA-256, e.g. to check an
 * object's size and hash while it streams from the store. Skipped bytes are read and hashed
 * too; mark/reset is not supported. {@link #close()} closes the wrapped stream.
 */
public final class HashingInputStream extends UnmarkableInputStream {
    private final Sha256 sha256 = new Sha256();

    public HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha256.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            sha256.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    /** Bytes read so far. */
    public long count() {
        return sha256.count();
    }

    /** Lower-case hex SHA-256 of all bytes read; call once the stream is consumed (later reads are not counted). */
    public String hex() {
        return sha256.hex();
    }
}
