package io.promdr.core.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnmarkableInputStreamTest {

    @Test
    void refusesMarkAndResetEvenOverAStreamThatSupportsThem() throws IOException {
        InputStream in = new UnmarkableInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3})) {
        };
        assertThat(in.markSupported()).isFalse();

        assertThat(in.read()).isEqualTo(1);
        in.mark(10);
        assertThat(in.read()).isEqualTo(2);

        assertThatThrownBy(in::reset).isInstanceOf(IOException.class).hasMessage("mark/reset not supported");
        assertThat(in.read()).isEqualTo(3);
    }
}
