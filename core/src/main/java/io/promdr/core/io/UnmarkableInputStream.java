package io.promdr.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter stream that keeps state about the bytes that pass (a hash, a count of what is left)
 * and therefore refuses mark/reset: a reset would replay bytes and put that state out of step
 * with the wrapped stream. {@link #close()} closes the wrapped stream.
 */
public abstract class UnmarkableInputStream extends FilterInputStream {

    protected UnmarkableInputStream(InputStream in) {
        super(in);
    }

    @Override
    public final boolean markSupported() {
        return false;
    }

    @Override
    public final synchronized void mark(int readLimit) {
        // not supported, see the class comment
    }

    @Override
    public final synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
