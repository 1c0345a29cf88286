package io.promdr.core.tsdb;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the chunks of a block's segment files ({@code chunks/000001} ...) in file order, without
 * the index: after the 8-byte segment header, chunks follow each other with no gap
 * ({@code uvarint length, encoding byte, data, CRC-32C}; tsdb-format reference, section 3).
 * Streams each file; holds one chunk at a time. Checks neither CRCs nor references: that is the
 * block verifier's work, done before.
 */
public final class BlockChunks {
    private static final int HEADER_BYTES = 8;
    private static final int CRC_BYTES = 4;
    /** Far above any real chunk (a few hundred bytes, at most a few KiB for histograms): a bigger length is damage. */
    private static final int MAX_CHUNK_BYTES = 16 << 20;

    private BlockChunks() {
    }

    /** Receives each chunk: its encoding and its data in {@code data[0, length)} (valid during the call only). */
    @FunctionalInterface
    public interface ChunkVisitor {
        void chunk(int encoding, byte[] data, int length);
    }

    /** Visits every chunk of every segment of {@code blockDir}, segments in name order. */
    public static void forEachChunk(Path blockDir, ChunkVisitor visitor) throws IOException {
        byte[] buffer = new byte[4096];
        for (Path segment : segments(blockDir)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(segment), 1 << 16)) {
                in.skipNBytes(HEADER_BYTES);
                while (true) {
                    long length = uvarint(in);
                    if (length < 0) {
                        break; // end of the segment
                    }
                    if (length > MAX_CHUNK_BYTES) {
                        throw new IOException(segment + ": chunk length " + length + " is not plausible");
                    }
                    int encoding = in.read();
                    if (encoding < 0) {
                        throw new EOFException(segment + ": ends inside a chunk");
                    }
                    if (buffer.length < length) {
                        buffer = new byte[(int) length];
                    }
                    if (in.readNBytes(buffer, 0, (int) length) < length) {
                        throw new EOFException(segment + ": ends inside a chunk");
                    }
                    in.skipNBytes(CRC_BYTES);
                    visitor.chunk(encoding, buffer, (int) length);
                }
            }
        }
    }

    /**
     * Stale markers in the block's float (XOR) chunks. Prometheus counts them in meta.json's
     * {@code numSamples}, but PromQL never returns them; histogram chunks are not decoded.
     */
    public static long staleMarkers(Path blockDir) throws IOException {
        long[] stale = {0};
        forEachChunk(blockDir, (encoding, data, length) -> {
            if (encoding == 1) {
                stale[0] += XorChunk.staleMarkers(data, 0, length);
            }
        });
        return stale[0];
    }

    private static List<Path> segments(Path blockDir) throws IOException {
        try (Stream<Path> files = Files.list(blockDir.resolve("chunks"))) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{6}")).sorted().toList();
        }
    }

    /** The next uvarint, or -1 at the end of the stream before its first byte. */
    private static long uvarint(InputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                if (shift == 0) {
                    return -1;
                }
                throw new EOFException("segment ends inside a chunk length");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("chunk length varint longer than 64 bits");
    }
}
