package io.promdr.core.tsdb.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Damages test blocks in precise places: finds the index sections from the TOC and the series entries
 * by walking them (independently of the verifier's code), flips bytes, truncates files, and rewrites a
 * series entry with a valid CRC. For tests only; whole small files are read into memory here.
 */
final class BlockSurgery {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BlockSurgery() {
    }

    /** The TOC of {@code <block>/index}: symbols, series, labelIndices, labelIndicesTable, postings, postingsTable. */
    static long[] toc(Path block) throws IOException {
        byte[] index = Files.readAllBytes(block.resolve("index"));
        ByteBuffer toc = ByteBuffer.wrap(index, index.length - 52, 52);
        long[] offsets = new long[6];
        for (int i = 0; i < 6; i++) {
            offsets[i] = toc.getLong();
        }
        return offsets;
    }

    static long indexSize(Path block) throws IOException {
        return Files.size(block.resolve("index"));
    }

    /** XORs the byte at {@code offset} of {@code <block>/<file>} with 0xFF. */
    static void flip(Path block, String file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(block.resolve(file).toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0xFF);
        }
    }

    static void truncate(Path block, String file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(block.resolve(file).toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** Sets {@code stats.<field>} of meta.json. */
    static void setStat(Path block, String field, long value) throws IOException {
        Path meta = block.resolve("meta.json");
        ObjectNode root = (ObjectNode) JSON.readTree(meta.toFile());
        ((ObjectNode) root.path("stats")).put(field, value);
        Files.writeString(meta, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /** The offset of the CRC of the chunk at {@code offset} of {@code <block>/<segment>}. */
    static long chunkCrcOffset(Path block, String segment, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(block.resolve(segment));
        int[] pos = {(int) offset};
        long length = uvarint(bytes, pos);
        return pos[0] + 1 + length;
    }

    /** One series entry: where it starts, how long its body is, and where the next entry may start. */
    record SeriesEntryAt(long offset, int lengthSize, int bodyLength, long slack) {
    }

    /** Walks the series section: the entries in file order. */
    static List<SeriesEntryAt> seriesEntries(Path block) throws IOException {
        byte[] index = Files.readAllBytes(block.resolve("index"));
        long[] toc = toc(block);
        List<SeriesEntryAt> entries = new ArrayList<>();
        long pos = (toc[1] + 15) / 16 * 16;
        while (pos < toc[2]) {
            int[] p = {(int) pos};
            int length = (int) uvarint(index, p);
            long end = p[0] + length + 4L;
            long nextStart = Math.min((end + 15) / 16 * 16, toc[2]);
            entries.add(new SeriesEntryAt(pos, p[0] - (int) pos, length, nextStart - end));
            pos = nextStart;
        }
        return entries;
    }

    /**
     * Rewrites the entry of a series so that its last chunk reference becomes {@code newRef}, with a valid
     * CRC: picks the first entry with room for the longer encoding. Returns the series ID.
     */
    static long setLastChunkRef(Path block, long newRef) throws IOException {
        Path indexFile = block.resolve("index");
        byte[] index = Files.readAllBytes(indexFile);
        for (SeriesEntryAt entry : seriesEntries(block)) {
            byte[] body = rewriteLastRef(index, entry, newRef);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            putUvarint(out, body.length);
            out.write(body);
            CRC32C crc = new CRC32C();
            crc.update(body);
            out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            long room = entry.lengthSize() + entry.bodyLength() + 4L + entry.slack();
            if (out.size() <= room && uvarintSize(body.length) == entry.lengthSize()) {
                byte[] replacement = new byte[(int) room];
                System.arraycopy(out.toByteArray(), 0, replacement, 0, out.size());
                try (RandomAccessFile f = new RandomAccessFile(indexFile.toFile(), "rw")) {
                    f.seek(entry.offset());
                    f.write(replacement);
                }
                return entry.offset() / 16;
            }
        }
        throw new IllegalStateException("no series entry has room for the new chunk reference");
    }

    private static byte[] rewriteLastRef(byte[] index, SeriesEntryAt entry, long newRef) {
        int[] p = {(int) (entry.offset() + entry.lengthSize())};
        int start = p[0];
        long labels = uvarint(index, p);
        for (long i = 0; i < 2 * labels; i++) {
            uvarint(index, p);
        }
        long chunks = uvarint(index, p);
        long ref = 0;
        int lastRefAt = 0;
        for (long j = 0; j < chunks; j++) {
            uvarint(index, p);
            uvarint(index, p);
            lastRefAt = p[0];
            long value = uvarint(index, p);
            ref = j == 0 ? value : ref + ((value >>> 1) ^ -(value & 1));
            if (j == chunks - 1) {
                long previous = j == 0 ? 0 : ref - ((value >>> 1) ^ -(value & 1));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(index, start, lastRefAt - start);
                long delta = newRef - previous;
                putUvarint(out, j == 0 ? newRef : (delta << 1) ^ (delta >> 63));
                out.write(index, p[0], (int) (entry.offset() + entry.lengthSize() + entry.bodyLength() - p[0]));
                return out.toByteArray();
            }
        }
        throw new IllegalStateException("series at " + entry.offset() + " has no chunks");
    }

    /** Appends {@code count} zero bytes to {@code <block>/<file>}. */
    static void append(Path block, String file, int count) throws IOException {
        Files.write(block.resolve(file), new byte[count], java.nio.file.StandardOpenOption.APPEND);
    }

    /** Lets {@code edit} change the encoding byte and data of the chunk at {@code offset}, then fixes its CRC. */
    static void editChunk(Path block, String segment, long offset, java.util.function.Consumer<byte[]> edit)
            throws IOException {
        Path file = block.resolve(segment);
        byte[] bytes = Files.readAllBytes(file);
        int[] pos = {(int) offset};
        int length = (int) uvarint(bytes, pos);
        byte[] entry = java.util.Arrays.copyOfRange(bytes, pos[0], pos[0] + 1 + length);
        edit.accept(entry);
        writeWithCrc(file, pos[0], entry);
    }

    /** Lets {@code edit} change the body of series entry {@code ordinal} (same length), then fixes its CRC. */
    static void editSeries(Path block, int ordinal, java.util.function.Consumer<byte[]> edit) throws IOException {
        SeriesEntryAt entry = seriesEntries(block).get(ordinal);
        Path file = block.resolve("index");
        long start = entry.offset() + entry.lengthSize();
        byte[] body = java.util.Arrays.copyOfRange(Files.readAllBytes(file), (int) start,
                (int) start + entry.bodyLength());
        edit.accept(body);
        writeWithCrc(file, start, body);
    }

    /** Lets {@code edit} change the body ({@code #entries, IDs}) of the first postings list, then fixes its CRC. */
    static void editFirstPostingsList(Path block, java.util.function.Consumer<ByteBuffer> edit) throws IOException {
        Path file = block.resolve("index");
        byte[] index = Files.readAllBytes(file);
        int start = (int) ((toc(block)[4] + 3) / 4 * 4);
        int length = ByteBuffer.wrap(index, start, 4).getInt();
        byte[] body = java.util.Arrays.copyOfRange(index, start + 4, start + 4 + length);
        edit.accept(ByteBuffer.wrap(body));
        writeWithCrc(file, start + 4, body);
    }

    private static void writeWithCrc(Path file, long at, byte[] covered) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(covered);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(covered);
            f.writeInt((int) crc.getValue());
        }
    }

    static long uvarint(byte[] b, int[] pos) {
        long x = 0;
        int shift = 0;
        while (true) {
            int v = b[pos[0]++] & 0xFF;
            x |= (long) (v & 0x7F) << shift;
            if (v < 0x80) {
                return x;
            }
            shift += 7;
        }
    }

    private static void putUvarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static int uvarintSize(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        putUvarint(out, value);
        return out.size();
    }
}
