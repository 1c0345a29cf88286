package io.promdr.core.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes through while counting them and computing their SHA-256, e.g. to learn an
 * object's size and hash while it streams to the store. Wrap {@link OutputStream#nullOutputStream()}
 * to only hash. {@link #close()} closes the wrapped stream.
 */
public final class HashingOutputStream extends FilterOutputStream {
    private final Sha256 sha256 = new Sha256();

    public HashingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        // FilterOutputStream would write byte by byte: pass the whole array on.
        out.write(buffer, offset, length);
        sha256.update(buffer, offset, length);
    }

    /** Bytes written so far. */
    public long count() {
        return sha256.count();
    }

    /** Lower-case hex SHA-256 of all bytes written; call once writing is done (later writes are not counted). */
    public String hex() {
        return sha256.hex();
    }
}
