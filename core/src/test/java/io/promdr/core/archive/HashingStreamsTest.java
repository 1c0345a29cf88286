package io.promdr.core.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HashingStreamsTest {
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void inputStreamCountsAndHashesWhatPassesThrough() throws IOException {
        HashingInputStream in = new HashingInputStream(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(in.read()).isEqualTo('a');
        byte[] rest = new byte[10];
        assertThat(in.read(rest, 0, 10)).isEqualTo(2);
        assertThat(in.read(rest, 0, 10)).isEqualTo(-1);
        assertThat(in.count()).isEqualTo(3);
        assertThat(in.hex()).isEqualTo(SHA256_ABC).isEqualTo(in.hex());
    }

    @Test
    void skippedBytesAreHashedToo() throws IOException {
        HashingInputStream in = new HashingInputStream(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(in.skip(5)).isEqualTo(3);
        assertThat(in.count()).isEqualTo(3);
        assertThat(in.hex()).isEqualTo(SHA256_ABC);
        assertThat(in.markSupported()).isFalse();
    }

    @Test
    void outputStreamCountsAndHashesWhatPassesThrough() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (HashingOutputStream out = new HashingOutputStream(sink)) {
            out.write('a');
            out.write("xbcx".getBytes(StandardCharsets.US_ASCII), 1, 2);
            assertThat(out.count()).isEqualTo(3);
            assertThat(out.hex()).isEqualTo(SHA256_ABC);
        }
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
    }

    @Test
    void hashOnlyWithTheNullStream() {
        HashingOutputStream out = new HashingOutputStream(OutputStream.nullOutputStream());
        assertThat(out.count()).isZero();
        assertThat(out.hex()).isEqualTo(SHA256_EMPTY);
    }
}
