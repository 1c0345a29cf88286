package io.promdr.core.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A streamed write to an {@link S3ObjectStore}. Bytes fill one part buffer (at most
 * {@code partSize} bytes); each time it is full and more bytes come, it is handed to
 * {@link ConcurrentPartUploads}, which sends it as a multipart part on a background thread while
 * the writer fills another buffer: at most {@code partsInFlight + 1} parts are in memory. An
 * object that fits in one part is sent with a single PutObject on commit. Nothing is visible before {@link #commit()}: an incomplete multipart upload is not an
 * object, and {@link #abort()} deletes it.
 */
final class S3PendingUpload implements PendingObject {
    /** S3 allows at most this many parts in one upload. */
    static final int MAX_PARTS = 10_000;
    /**
     * The part size doubles after every this many parts, at most {@link #MAX_DOUBLINGS} times, and
     * only while 3 parts of the new size (2 being sent, 1 being filled) leave
     * {@link #HEAP_HEADROOM} of the heap free: the object's size is not known while it is
     * streamed, so a small configured part size (less memory for every upload) must not cap the
     * object at 10,000 parts, but a larger part must not end the backup with an OutOfMemoryError
     * either. With the launcher's 88 MiB heap and the default 8 MiB, parts grow to 16 MiB after
     * 16 GB, and 10,000 parts hold about 150 GB; with a heap of 512 MiB, about 520 GB.
     */
    static final int PARTS_PER_SIZE = 2_000;
    static final int MAX_DOUBLINGS = 4;
    static final long HEAP_HEADROOM = 40L << 20;
    /** The largest Java array; S3 allows parts of 5 GiB, more than one array holds. */
    static final int MAX_PART_BYTES = Integer.MAX_VALUE - 8;
    private static final long MAX_HEAP = Runtime.getRuntime().maxMemory();
    private static final int INITIAL_BUFFER = 64 * 1024;
    private static final String CONTENT_TYPE = "application/octet-stream";

    private enum State { OPEN, COMMITTED, ABORTED }

    private final S3ObjectStore store;
    private final String key;
    private final int partSize;
    private final int partsInFlight;
    private ConcurrentPartUploads uploads;
    private int partsSubmitted;
    /** Size of the part being filled (number {@code partsSubmitted + 1}); changes only when a part is handed over. */
    private int fillSize;
    private final OutputStream stream = new PartStream();
    private byte[] buffer;
    private int count;
    private long size;
    private String uploadId;
    private State state = State.OPEN;

    S3PendingUpload(S3ObjectStore store, String key, int partSize, int partsInFlight) {
        this.store = store;
        this.key = key;
        this.partSize = partSize;
        this.fillSize = partSize;
        this.partsInFlight = partsInFlight;
        // Grow up to one part only when needed: most objects (manifests, small blocks) are far smaller.
        this.buffer = new byte[Math.min(INITIAL_BUFFER, partSize)];
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public synchronized ObjectInfo commit() throws IOException {
        requireOpen();
        try {
            if (uploadId == null) {
                store.putObject(key, body(), count);
            } else {
                if (count > 0) {
                    uploadPart();
                }
                List<CompletedPart> parts = new ArrayList<>();
                for (ConcurrentPartUploads.SentPart part : uploads.finish()) {
                    parts.add(CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag()).build());
                }
                store.completeMultipartUpload(key, uploadId, parts);
            }
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        state = State.COMMITTED;
        buffer = null;
        return new ObjectInfo(key, size, Instant.now());
    }

    @Override
    public synchronized void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        buffer = null;
        if (uploadId != null) {
            try {
                // No part may land after the abort: let the ones being sent finish (or fail) first.
                uploads.cancel();
                uploads.awaitIdle();
                store.abortMultipartUpload(key, uploadId);
            } catch (IOException | RuntimeException e) {
                // Best effort: an incomplete upload is invisible, and bucket lifecycle rules expire it.
            }
        }
    }

    /** Capacity of the buffer being filled; never more than one part. For tests of the memory bound. */
    synchronized int bufferCapacity() {
        return buffer == null ? 0 : buffer.length;
    }

    /** Part buffers ever allocated besides the first; at most {@code partsInFlight}. For tests of the memory bound. */
    synchronized int extraPartBuffers() {
        return uploads == null ? 0 : uploads.buffersCreated();
    }

    /** Parts handed over for sending (sent or being sent). For tests of the memory bound. */
    synchronized int uploadedParts() {
        return partsSubmitted;
    }

    /** Waits until every part handed over was sent; for tests that look at the server. */
    synchronized void awaitPartsSent() throws IOException {
        if (uploads != null) {
            uploads.awaitIdle();
        }
    }

    /** The object's key in the store (without the store's prefix). */
    String key() {
        return key;
    }

    /** The multipart upload id once the first part was sent, else null. */
    synchronized String uploadId() {
        return uploadId;
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("already " + state.name().toLowerCase() + ": " + key);
        }
    }

    private synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (state != State.OPEN) {
            throw new IOException("write to " + state.name().toLowerCase() + " object " + key);
        }
        while (length > 0) {
            if (count == fillSize) {
                uploadPart(); // only once more bytes come, so an object of exactly one part stays a PutObject
            }
            ensureRoom(Math.min(length, fillSize - count));
            int n = Math.min(length, buffer.length - count);
            System.arraycopy(bytes, offset, buffer, count, n);
            count += n;
            size += n;
            offset += n;
            length -= n;
        }
    }

    private void ensureRoom(int wanted) {
        if (buffer.length - count >= wanted) {
            return;
        }
        int capacity = (int) Math.min(fillSize, Math.max((long) count + wanted, 2L * buffer.length));
        byte[] grown = new byte[capacity];
        System.arraycopy(buffer, 0, grown, 0, count);
        buffer = grown;
    }

    private void uploadPart() throws IOException {
        if (partsSubmitted == MAX_PARTS) {
            throw new IOException("object " + key + " exceeds " + MAX_PARTS + " parts (" + partSize
                    + " bytes, doubled every " + PARTS_PER_SIZE + " parts as far as the heap allows); raise"
                    + " repository.s3.partSize and the heap (PROMDR_HEAP, at least 3 x part size + 64m)");
        }
        if (uploadId == null) {
            uploadId = store.createMultipartUpload(key);
            String id = uploadId;
            uploads = new ConcurrentPartUploads((number, bytes, length) ->
                    store.uploadPart(key, id, number, body(bytes, length), length), partsInFlight);
        }
        partsSubmitted++;
        fillSize = partSize(partSize, partsSubmitted + 1, MAX_HEAP);
        buffer = uploads.submit(partsSubmitted, buffer, count, fillSize);
        count = 0;
    }

    /**
     * Size of part {@code partNumber} (1-based) of an upload configured with {@code partSize}, in a
     * JVM whose heap holds at most {@code maxHeap} bytes.
     */
    static int partSize(int partSize, int partNumber, long maxHeap) {
        int doublings = Math.min(MAX_DOUBLINGS, (partNumber - 1) / PARTS_PER_SIZE);
        // The parts in flight plus the one being filled must fit.
        int partsHeld = S3ObjectStore.DEFAULT_PARTS_IN_FLIGHT + 1;
        while (doublings > 0 && partsHeld * ((long) partSize << doublings) > maxHeap - HEAP_HEADROOM) {
            doublings--;
        }
        return (int) Math.min(MAX_PART_BYTES, (long) partSize << doublings);
    }

    private RequestBody body() {
        return body(buffer, count);
    }

    /** The buffered bytes as a request body, without copying them (the SDK may read it twice to sign). */
    private static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, CONTENT_TYPE);
    }

    private final class PartStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            S3PendingUpload.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            S3PendingUpload.this.write(bytes, offset, length);
        }

        @Override
        public void close() {
            // Closing the stream does not commit: the caller commits or aborts the pending object.
        }
    }
}
