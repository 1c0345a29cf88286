package io.promdr.core.tsdb.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecoderTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void decodesGoVarintsAndBigEndianValues() {
        // 169 = a9 01; zig-zag varint of 1795507200000 as in the first chunk of a promtool block.
        byte[] b = bytes(0xa9, 0x01, 0x80, 0x80, 0x8d, 0xc9, 0xc1, 0x68, 0x03, 0xba, 0xaa, 0xd7, 0x00, 0x7f);
        Decoder d = new Decoder().reset(b, 0, b.length);
        assertThat(d.uvarint()).isEqualTo(169);
        assertThat(d.varint()).isEqualTo(1795507200000L);
        assertThat(d.varint()).isEqualTo(-2);
        assertThat(d.be32()).isEqualTo(0xBAAAD700L);
        assertThat(d.u8()).isEqualTo(0x7f);
        assertThat(d.remaining()).isZero();
    }

    @Test
    void decodesTheLargestUvarintAndRejectsLongerOnes() {
        byte[] max = bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
        assertThat(new Decoder().reset(max, 0, max.length).uvarint()).isEqualTo(-1L);
        byte[] overflow = bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02);
        assertThatThrownBy(() -> new Decoder().reset(overflow, 0, overflow.length).uvarint())
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("overflows");
    }

    @Test
    void neverReadsPastItsLimit() {
        byte[] b = bytes(0x80, 0x80, 0x01, 0x00, 0x00, 0x00, 0x05);
        assertThatThrownBy(() -> new Decoder().reset(b, 0, 2).uvarint())
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("past the end");
        assertThatThrownBy(() -> new Decoder().reset(b, 3, 6).be32())
                .isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> new Decoder().reset(b, 0, 2).uvarintInt("length"))
                .isInstanceOf(CorruptDataException.class);
        byte[] huge = bytes(0xff, 0xff, 0xff, 0xff, 0x0f);
        assertThatThrownBy(() -> new Decoder().reset(huge, 0, huge.length).uvarintInt("length"))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("length 4294967295");
    }
}
