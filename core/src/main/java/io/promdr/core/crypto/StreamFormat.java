package io.promdr.core.crypto;

/**
 * The sizes of promdr's encrypted object format (docs/repository-format.md, "Encryption"):
 * <pre>
 * header   "PDRE" | version 0x01 | salt (16 bytes) | nonce prefix (7 bytes)        28 bytes
 * segment  AES-256-GCM(plaintext segment) = ciphertext | tag (16 bytes)   one per segmentSize
 * </pre>
 * Every segment but the last holds exactly {@code segmentSize} plaintext bytes; the last holds 1
 * to {@code segmentSize} bytes, or 0 when the whole object is empty. So the stored size is a
 * function of the plaintext size and back, which lets {@code stat} and {@code list} report
 * plaintext sizes without reading anything, and a plaintext range map to whole segments.
 */
final class StreamFormat {
    static final byte[] MAGIC = {'P', 'D', 'R', 'E'};
    static final byte VERSION = 1;
    static final int SALT_SIZE = 16;
    static final int NONCE_PREFIX_SIZE = 7;
    static final int HEADER_SIZE = MAGIC.length + 1 + SALT_SIZE + NONCE_PREFIX_SIZE;
    static final int TAG_SIZE = 16;
    /** The segment counter is 4 bytes of the nonce. */
    static final long MAX_SEGMENTS = 1L << 32;

    private final int segmentSize;

    StreamFormat(int segmentSize) {
        if (segmentSize < 1) {
            throw new IllegalArgumentException("segment size must be positive: " + segmentSize);
        }
        this.segmentSize = segmentSize;
    }

    int segmentSize() {
        return segmentSize;
    }

    /** Stored bytes of one full segment. */
    int storedSegmentSize() {
        return segmentSize + TAG_SIZE;
    }

    /** Number of segments of a plaintext of {@code size} bytes: at least one, even for an empty object. */
    long segments(long size) {
        return size == 0 ? 1 : ceilDiv(size, segmentSize);
    }

    long storedSize(long plaintextSize) {
        return HEADER_SIZE + plaintextSize + segments(plaintextSize) * TAG_SIZE;
    }

    /** The plaintext size a stored object of {@code storedSize} bytes decrypts to; 0 for a size no writer produces. */
    long plaintextSize(long storedSize) {
        long body = storedSize - HEADER_SIZE;
        if (body < TAG_SIZE) {
            return 0;
        }
        long segments = ceilDiv(body, storedSegmentSize());
        return Math.max(0, body - segments * TAG_SIZE);
    }

    /** Math.ceilDiv, which Java 17 lacks, for non-negative values. */
    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }

    /** Offset in the stored object of the segment {@code index}. */
    long segmentOffset(long index) {
        return HEADER_SIZE + index * storedSegmentSize();
    }

    /** The segment that holds plaintext byte {@code offset}. */
    long segmentOf(long offset) {
        return offset / segmentSize;
    }
}
