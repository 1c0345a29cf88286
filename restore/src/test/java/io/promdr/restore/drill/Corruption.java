package io.promdr.restore.drill;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Damage for drill tests: one flipped byte, or a file cut short. */
final class Corruption {
    private Corruption() {
    }

    /** XORs the byte at {@code offset} with 0xFF. */
    static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0xFF);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }
}
