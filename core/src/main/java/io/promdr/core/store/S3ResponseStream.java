package io.promdr.core.store;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The body of a GetObject. Closing it before its end aborts the request: otherwise the HTTP
 * client would read the rest of a possibly large object just to reuse the connection.
 */
final class S3ResponseStream extends FilterInputStream {
    private final ResponseInputStream<GetObjectResponse> response;
    private final long contentLength;
    private long read;
    private boolean ended;

    S3ResponseStream(ResponseInputStream<GetObjectResponse> response) {
        super(response);
        this.response = response;
        Long length = response.response().contentLength();
        this.contentLength = length == null ? Long.MAX_VALUE : length;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        read += skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        if (!ended && read < contentLength) {
            response.abort();
        }
        super.close();
    }

    private void count(int n) {
        if (n < 0) {
            ended = true;
        } else {
            read += n;
        }
    }
}
