package io.promdr.core.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * An InputStream whose subclasses implement only {@link #read(byte[], int, int)}: their buffers,
 * threads and checks live there, and the one-byte read is that bulk read of one byte.
 */
public abstract class BulkReadInputStream extends InputStream {

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] bytes, int offset, int length) throws IOException;
}
