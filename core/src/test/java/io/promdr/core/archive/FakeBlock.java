package io.promdr.core.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A small block-shaped directory with pseudo-random contents, for tests that need no real TSDB data. */
final class FakeBlock {
    static final String ULID = "01ARYZ6S41TSV4RRFFQ69G5FAV";

    private FakeBlock() {
    }

    /** Creates {@code <parent>/<ULID>/} with meta.json, index, chunks/000001, chunks/000002 and an empty-ish tombstones. */
    static Path create(Path parent, String ulid) throws IOException {
        Path block = Files.createDirectories(parent.resolve(ulid).resolve("chunks")).getParent();
        Random random = new Random(ulid.hashCode());
        Files.writeString(block.resolve("meta.json"), "{\n\t\"ulid\": \"" + ulid + "\",\n\t\"version\": 1\n}",
                StandardCharsets.UTF_8);
        Files.write(block.resolve("index"), bytes(random, 70_000));
        Files.write(block.resolve("chunks/000001"), bytes(random, 3 * BlockArchiver.BUFFER_SIZE + 17));
        Files.write(block.resolve("chunks/000002"), bytes(random, 513));
        Files.write(block.resolve("tombstones"), new byte[] {0x01, 0x30, (byte) 0xBA, 0x30, 0x01, 0, 0, 0, 0});
        return block;
    }

    private static byte[] bytes(Random random, int size) {
        byte[] data = new byte[size];
        // Half random, half repeated: compressible like real chunks, not trivially so.
        random.nextBytes(data);
        for (int i = 0; i < size; i += 2) {
            data[i] = (byte) (i % 7);
        }
        return data;
    }
}
