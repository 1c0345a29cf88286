package io.promdr.core.repo;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a manifest and refuses it once it passes the size limit, whatever size the store
 * announced: a tampered bucket (or a proxy) may understate it, and the JSON parser would
 * otherwise read without bound.
 */
final class ManifestSizeLimit extends FilterInputStream {
    private final String key;
    private final long limit;
    private long read;

    ManifestSizeLimit(InputStream in, String key, long limit) {
        super(in);
        this.key = key;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw new PromdrException(ErrorCode.MANIFEST_UNREADABLE,
                    "manifest " + key + " is over the " + limit + " byte limit",
                    "the object is not a promdr manifest; remove it or check the repository");
        }
    }
}
