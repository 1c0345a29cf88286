package io.promdr.core.tsdb.verify;

/**
 * Decodes the primitive types of the TSDB formats from a byte-array range (the role of Go's
 * {@code encoding.Decbuf}): big-endian integers and Go {@code encoding/binary} varints. Reading past
 * the limit or an overlong varint raises {@link CorruptDataException}.
 */
final class Decoder {
    private byte[] bytes;
    private int pos;
    private int limit;

    Decoder reset(byte[] bytes, int pos, int limit) {
        this.bytes = bytes;
        this.pos = pos;
        this.limit = limit;
        return this;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return limit - pos;
    }

    int u8() {
        need(1);
        return bytes[pos++] & 0xFF;
    }

    /** An unsigned 32-bit big-endian value. */
    long be32() {
        need(4);
        long v = ((bytes[pos] & 0xFFL) << 24) | ((bytes[pos + 1] & 0xFFL) << 16) | ((bytes[pos + 2] & 0xFFL) << 8)
                | (bytes[pos + 3] & 0xFFL);
        pos += 4;
        return v;
    }

    long be64() {
        long high = be32();
        return (high << 32) | be32();
    }

    /** Go's {@code binary.Uvarint}: at most 10 bytes, the last one at most 1. */
    long uvarint() {
        long x = 0;
        int shift = 0;
        for (int i = 0; i < 10; i++) {
            if (pos >= limit) {
                throw new CorruptDataException("a varint runs past the end of its entry");
            }
            int b = bytes[pos++] & 0xFF;
            if (b < 0x80) {
                if (i == 9 && b > 1) {
                    break;
                }
                return x | ((long) b << shift);
            }
            x |= (long) (b & 0x7F) << shift;
            shift += 7;
        }
        throw new CorruptDataException("a varint overflows 64 bits");
    }

    /** Go's {@code binary.Varint} (zig-zag). */
    long varint() {
        long ux = uvarint();
        return (ux >>> 1) ^ -(ux & 1);
    }

    /** A uvarint used as a length or count, which must fit in an int. */
    int uvarintInt(String what) {
        long v = uvarint();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new CorruptDataException(what + " " + Long.toUnsignedString(v) + " is implausibly large");
        }
        return (int) v;
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    private void need(int n) {
        if (n < 0 || n > limit - pos) {
            throw new CorruptDataException("an entry ends after " + (limit - pos) + " of " + n + " more bytes");
        }
    }
}
