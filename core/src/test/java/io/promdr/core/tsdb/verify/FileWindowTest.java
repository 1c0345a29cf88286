package io.promdr.core.tsdb.verify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileWindowTest {
    @TempDir
    Path tmp;

    private byte[] content;

    private FileWindow open(int size, int capacity) throws IOException {
        content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        Path file = tmp.resolve("f");
        Files.write(file, content);
        return FileWindow.open(file, capacity);
    }

    private void assertWindow(FileWindow w, long pos, int len) throws IOException {
        int off = w.window(pos, len);
        assertThat(Arrays.copyOfRange(w.buffer(), off, off + len))
                .isEqualTo(Arrays.copyOfRange(content, (int) pos, (int) pos + len));
    }

    @Test
    void readsAnyRangeThroughASmallWindowForwardsAndBackwards() throws IOException {
        try (FileWindow w = open(3000, 64)) {
            assertThat(w.size()).isEqualTo(3000);
            for (long pos = 0; pos + 40 <= 3000; pos += 37) {
                assertWindow(w, pos, 40);
            }
            assertWindow(w, 10, 5);
            assertWindow(w, 2990, 10);
            assertWindow(w, 3000, 0);
        }
    }

    @Test
    void growsForOneLargerEntry() throws IOException {
        try (FileWindow w = open(3000, 64)) {
            assertWindow(w, 100, 1000);
            assertWindow(w, 5, 64);
        }
    }

    @Test
    void refusesRangesOutsideTheFileAndNearTheEndReadsWhatExists() throws IOException {
        try (FileWindow w = open(100, 64)) {
            assertThatThrownBy(() -> w.window(90, 11)).isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining("past the end of the file (100 bytes)");
            assertThatThrownBy(() -> w.window(-1, 1)).isInstanceOf(CorruptDataException.class);
            assertThat(w.available(95, 10)).isEqualTo(5);
            assertThat(w.available(120, 10)).isZero();
            int off = w.windowUpTo(95, 10);
            assertThat(w.buffer()[off + 4]).isEqualTo(content[99]);
        }
    }

    @Test
    void crcOfARangeLargerThanTheWindow() throws IOException {
        try (FileWindow w = open(5000, 64)) {
            CRC32C expected = new CRC32C();
            expected.update(content, 3, 4000);
            assertThat(w.crc(3, 4000, new CRC32C())).isEqualTo((int) expected.getValue());
        }
    }

    @Test
    void castagnoliCheckValue() throws IOException {
        Path file = tmp.resolve("check");
        Files.writeString(file, "123456789");
        try (FileWindow w = FileWindow.open(file)) {
            assertThat(w.crc(0, 9, new CRC32C())).isEqualTo(0xE3069283);
        }
    }
}
