package io.promdr.core.tsdb;

/**
 * Decodes the samples of an XOR chunk (encoding 1, float samples; Prometheus
 * {@code tsdb/chunkenc/xor.go}): a 2-byte big-endian sample count, then the first timestamp
 * (varint) and value (64 bits), the second timestamp as a uvarint delta, and then Gorilla
 * delta-of-delta timestamps and XOR-compressed values, bit-packed.
 */
public final class XorChunk {
    /** The value Prometheus writes when a series ends (a "stale marker"): a NaN that PromQL never returns. */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private XorChunk() {
    }

    /** Receives each decoded sample. */
    @FunctionalInterface
    public interface SampleVisitor {
        void sample(long timestampMs, double value);
    }

    /** The sample count in the chunk header (no decoding). */
    public static int sampleCount(byte[] data, int offset, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("XOR chunk of " + length + " bytes has no sample count");
        }
        return ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff);
    }

    /** The number of stale markers among the chunk's samples. */
    public static int staleMarkers(byte[] data, int offset, int length) {
        int[] stale = {0};
        decode(data, offset, length, (t, v) -> {
            if (Double.doubleToRawLongBits(v) == STALE_NAN_BITS) {
                stale[0]++;
            }
        });
        return stale[0];
    }

    /**
     * Decodes every sample of the chunk in {@code data[offset, offset + length)}.
     *
     * @throws IllegalArgumentException when the bits end before the header's sample count
     */
    public static void decode(byte[] data, int offset, int length, SampleVisitor visitor) {
        int count = sampleCount(data, offset, length);
        BitReader in = new BitReader(data, offset + 2, offset + length);
        long t = 0;
        long delta = 0;
        long valueBits = 0;
        int leading = 0;
        int trailing = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0) {
                t = in.varint();
                valueBits = in.bits(64);
            } else {
                if (i == 1) {
                    delta = in.uvarint();
                } else {
                    delta += deltaOfDelta(in);
                }
                t += delta;
                if (in.bit()) {
                    if (in.bit()) {
                        leading = (int) in.bits(5);
                        int significant = (int) in.bits(6);
                        // 64 significant bits do not fit in 6 bits: 0 stands for 64.
                        trailing = 64 - leading - (significant == 0 ? 64 : significant);
                    }
                    int significant = 64 - leading - trailing;
                    valueBits ^= in.bits(significant) << trailing;
                }
            }
            visitor.sample(t, Double.longBitsToDouble(valueBits));
        }
    }

    /** The timestamp delta-of-delta: prefix 0, 10, 110, 1110 or 1111, then 0, 14, 17, 20 or 64 bits. */
    private static long deltaOfDelta(BitReader in) {
        int prefix = 0;
        for (int i = 0; i < 4; i++) {
            prefix <<= 1;
            if (!in.bit()) {
                break;
            }
            prefix |= 1;
        }
        int size = switch (prefix) {
            case 0b0 -> 0;
            case 0b10 -> 14;
            case 0b110 -> 17;
            case 0b1110 -> 20;
            case 0b1111 -> 64;
            default -> throw new IllegalStateException("unreachable delta-of-delta prefix " + prefix);
        };
        if (size == 0) {
            return 0;
        }
        long bits = in.bits(size);
        if (size == 64) {
            return bits;
        }
        // Negative values come back as large unsigned numbers (Prometheus docs/bstream.md).
        return bits > (1L << (size - 1)) ? bits - (1L << size) : bits;
    }

    /** Most-significant-bit-first reader over a byte range. */
    private static final class BitReader {
        private final byte[] data;
        private final int end;
        private long position;

        BitReader(byte[] data, int start, int end) {
            this.data = data;
            this.end = end;
            this.position = (long) start * 8;
        }

        boolean bit() {
            int index = (int) (position >>> 3);
            if (index >= end) {
                throw new IllegalArgumentException("XOR chunk ends before its last sample");
            }
            boolean set = ((data[index] >>> (7 - (position & 7))) & 1) != 0;
            position++;
            return set;
        }

        long bits(int n) {
            long value = 0;
            for (int i = 0; i < n; i++) {
                value = (value << 1) | (bit() ? 1 : 0);
            }
            return value;
        }

        long uvarint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                long b = bits(8);
                value |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("XOR chunk holds a varint longer than 64 bits");
        }

        long varint() {
            long u = uvarint();
            return (u >>> 1) ^ -(u & 1);
        }
    }
}
