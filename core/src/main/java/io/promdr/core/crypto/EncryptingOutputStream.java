package io.promdr.core.crypto;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encrypts what is written into the stored format, one segment at a time: memory is one
 * plaintext and one stored segment. A full segment is encrypted only when the next byte
 * arrives, because the last segment is marked as such in its nonce; {@link #finish()} (or
 * {@link #close()}) encrypts the last one. Writes after that fail.
 */
final class EncryptingOutputStream extends OutputStream {
    private final OutputStream out;
    private final ObjectCipher cipher;
    private final byte[] plain;
    private final byte[] sealed;
    private int buffered;
    private long segment;
    private long written;
    private boolean headerWritten;
    private boolean finished;

    EncryptingOutputStream(OutputStream out, ObjectCipher cipher, StreamFormat format) {
        this.out = out;
        this.cipher = cipher;
        this.plain = new byte[format.segmentSize()];
        this.sealed = new byte[format.storedSegmentSize()];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (finished) {
            throw new IOException("encrypted stream of " + cipher.objectKey() + " is already finished");
        }
        int done = 0;
        while (done < length) {
            if (buffered == plain.length) {
                seal(false);
            }
            int n = Math.min(length - done, plain.length - buffered);
            System.arraycopy(bytes, offset + done, plain, buffered, n);
            buffered += n;
            done += n;
        }
        written += length;
    }

    /** Plaintext bytes written so far. */
    long plaintextCount() {
        return written;
    }

    /** Encrypts the last segment (empty only when nothing was written). Idempotent; does not close the target. */
    void finish() throws IOException {
        if (!finished) {
            seal(true);
            finished = true;
        }
    }

    /** Flushes the target; a partial segment stays buffered until it is full or the stream finishes. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    private void seal(boolean last) throws IOException {
        if (!headerWritten) {
            out.write(cipher.header());
            headerWritten = true;
        }
        if (segment >= StreamFormat.MAX_SEGMENTS) {
            throw new IOException("object " + cipher.objectKey() + " is too large for the encrypted format ("
                    + StreamFormat.MAX_SEGMENTS + " segments at most)");
        }
        int n = cipher.encrypt(segment, last, plain, buffered, sealed);
        out.write(sealed, 0, n);
        segment++;
        buffered = 0;
    }
}
