package io.promdr.core.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Wraps the caller's stream under the decompressor: keeps it open when the decompressor is
 * closed, and remembers whether it failed, so an I/O error of the source (network, disk) is
 * told apart from a corrupt or hostile archive.
 */
final class SourceInputStream extends FilterInputStream {
    private boolean failed;

    SourceInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return in.read(buffer, offset, length);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() {
        // the caller owns the source
    }

    boolean failed() {
        return failed;
    }
}
