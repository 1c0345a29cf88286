package io.promdr.core.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelinedFileWriterTest {
    @Test
    void writesAndHashesEveryBufferInOrder() throws IOException {
        byte[] content = new byte[100_000];
        new Random(1).nextBytes(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Sha256 sha256 = new Sha256();
        try (PipelinedFileWriter writer = new PipelinedFileWriter(1000, 2)) {
            for (int offset = 0; offset < content.length; offset += 1000) {
                byte[] buffer = writer.take();
                System.arraycopy(content, offset, buffer, 0, 1000);
                writer.submit(buffer, 1000, sha256, out);
            }
            writer.finish();
        }
        Sha256 expected = new Sha256();
        expected.update(content, 0, content.length);

        assertThat(out.toByteArray()).isEqualTo(content);
        assertThat(sha256.count()).isEqualTo(content.length);
        assertThat(sha256.hex()).isEqualTo(expected.hex());
    }

    @Test
    void aFailedWriteIsRethrownAsRaisedAndStopsLaterWrites() throws IOException {
        IOException full = new IOException("No space left on device");
        int[] writes = {0};
        OutputStream disk = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (++writes[0] == 2) {
                    throw full;
                }
            }
        };
        try (PipelinedFileWriter writer = new PipelinedFileWriter(10, 2)) {
            writer.submit(writer.take(), 10, new Sha256(), disk);
            writer.submit(writer.take(), 10, new Sha256(), disk);
            assertThatThrownBy(writer::finish).isSameAs(full);
            assertThatThrownBy(() -> writer.submit(writer.take(), 10, new Sha256(), disk)).isSameAs(full);
            writer.finishQuietly(full);
            assertThat(full.getSuppressed()).isEmpty();
        }
        assertThat(writes[0]).isEqualTo(2);
    }
}
