package io.promdr.core.tsdb.verify;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_CRC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_DATA;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_HEADER;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_REF;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_READ;

/**
 * The chunk segment files of a block ({@code chunks/NNNNNN}, tsdb-format reference section 3): checks
 * every segment header when opened, then every chunk the index references, in the order the index
 * references them (ascending, so the segments are read sequentially through one buffered window).
 */
final class ChunkSegments implements Closeable {
    static final int HEADER_SIZE = 8;
    static final int MAGIC = 0x85BD40DD;
    static final int VERSION = 1;
    static final int ENCODING_XOR = 1;
    /** 2 and 3 are the (float) histogram encodings; 0 ("none") never appears in a block. */
    static final int MAX_ENCODING = 3;
    private static final int MAX_VARINT32 = 5;

    private final VerificationRun run;
    private final List<Path> files;
    private final long[] sizes;
    private final SegmentCoverage coverage;
    private final Decoder decoder = new Decoder();
    private FileWindow open;
    private int openIndex = -1;

    private ChunkSegments(VerificationRun run, List<Path> files) {
        this.run = run;
        this.files = List.copyOf(files);
        this.sizes = new long[files.size()];
        this.coverage = new SegmentCoverage(run, this);
    }

    /** Checks the header of every segment. */
    static ChunkSegments open(VerificationRun run, List<Path> files) {
        run.problems.ran(CHECK_CHUNKS_HEADER);
        ChunkSegments segments = new ChunkSegments(run, files);
        for (int i = 0; i < files.size(); i++) {
            segments.checkHeader(i);
        }
        return segments;
    }

    int count() {
        return files.size();
    }

    long size(int segment) {
        return sizes[segment];
    }

    /** The segment's path relative to the block, e.g. {@code chunks/000001}. */
    String name(int segment) {
        return BlockFiles.CHUNKS + "/" + files.get(segment).getFileName();
    }

    private void checkHeader(int segment) {
        String name = name(segment);
        try {
            sizes[segment] = Files.size(files.get(segment));
            if (sizes[segment] < HEADER_SIZE) {
                run.problem(CHECK_CHUNKS_HEADER, name, "segment is " + sizes[segment] + " bytes, shorter than its "
                        + HEADER_SIZE + "-byte header");
                return;
            }
            FileWindow window = window(segment);
            int off = window.window(0, HEADER_SIZE);
            int magic = window.view().getInt(off);
            int version = window.buffer()[off + 4] & 0xFF;
            int padding = window.view().getInt(off + 4) & 0xFFFFFF;
            if (magic != MAGIC) {
                run.problem(CHECK_CHUNKS_HEADER, name, String.format("magic number %08x, expected %08x", magic, MAGIC));
            } else if (version != VERSION) {
                run.problem(CHECK_CHUNKS_HEADER, name, "format version " + version + ", expected " + VERSION);
            } else if (padding != 0) {
                run.problem(CHECK_CHUNKS_HEADER, name,
                        String.format("header padding is %06x, expected zeros", padding));
            }
        } catch (IOException e) {
            run.problem(CHECK_READ, name, "cannot read: " + e);
        }
    }

    /**
     * Checks the chunk that series {@code seriesId} references as {@code ref} for {@code [mint, maxt]}:
     * the reference lies inside its segment, the CRC matches, the encoding is known; counts its samples.
     */
    void check(long seriesId, long ref, long mint, long maxt) {
        int segment = (int) Math.min(Integer.MAX_VALUE, ref >>> 32);
        long offset = ref & 0xFFFFFFFFL;
        if (segment >= files.size()) {
            unreadable(CHECK_CHUNKS_REF, segment, seriesId, ref, "points at segment index " + segment
                    + " but the block has " + files.size() + " segment(s)");
            return;
        }
        long size = sizes[segment];
        if (offset < HEADER_SIZE || offset >= size) {
            unreadable(CHECK_CHUNKS_REF, segment, seriesId, ref, offset < HEADER_SIZE
                    ? "points into the segment header" : "points past the end of the segment (" + size + " bytes)");
            return;
        }
        try {
            FileWindow window = window(segment);
            int head = window.windowUpTo(offset, MAX_VARINT32);
            decoder.reset(window.buffer(), head, head + window.available(offset, MAX_VARINT32));
            int dataLength = decoder.uvarintInt("chunk data length");
            int lengthSize = decoder.position() - head;
            long end = offset + lengthSize + 1L + dataLength + 4;
            if (end > size) {
                unreadable(CHECK_CHUNKS_REF, segment, seriesId, ref, "needs bytes up to " + end + " (data length "
                        + dataLength + ") but the segment ends at " + size + ": truncated segment or bad reference");
                return;
            }
            coverage.chunk(segment, offset, end, seriesId, ref);
            checkEntry(window, segment, offset + lengthSize, dataLength, seriesId, ref, mint, maxt);
        } catch (CorruptDataException e) {
            unreadable(CHECK_CHUNKS_REF, segment, seriesId, ref, e.getMessage());
        } catch (IOException e) {
            run.problem(CHECK_READ, name(segment), "cannot read: " + e);
            run.tally.samplesComplete = false;
            coverage.lostTrack();
        }
    }

    private void checkEntry(FileWindow window, int segment, long encodingAt, int dataLength, long seriesId, long ref,
                            long mint, long maxt) throws IOException {
        int off = window.window(encodingAt, 1L + dataLength + 4);
        byte[] bytes = window.buffer();
        int stored = window.view().getInt(off + 1 + dataLength);
        int computed = run.crc(bytes, off, 1 + dataLength);
        if (stored != computed) {
            uncounted(CHECK_CHUNKS_CRC, segment, seriesId, ref,
                    String.format("fails its CRC: stored CRC32C %08x, computed %08x", stored, computed));
            return;
        }
        int encoding = bytes[off] & 0xFF;
        if (encoding < 1 || encoding > MAX_ENCODING) {
            uncounted(CHECK_CHUNKS_DATA, segment, seriesId, ref, "has unknown encoding " + encoding);
            return;
        }
        if (dataLength < 2) {
            uncounted(CHECK_CHUNKS_DATA, segment, seriesId, ref, "has " + dataLength
                    + " data bytes, too few for its sample count");
            return;
        }
        int samples = ((bytes[off + 1] & 0xFF) << 8) | (bytes[off + 2] & 0xFF);
        run.tally.samples += samples;
        if (encoding == ENCODING_XOR && samples > 0) {
            checkXorStart(bytes, off + 3, off + 1 + dataLength, samples, segment, seriesId, ref, mint, maxt);
        }
    }

    /** XOR data starts with the uint16 sample count, then the first timestamp as a varint. */
    private void checkXorStart(byte[] bytes, int from, int to, int samples, int segment, long seriesId, long ref,
                               long mint, long maxt) {
        String problem;
        try {
            long first = decoder.reset(bytes, from, to).varint();
            problem = first != mint ? "starts at timestamp " + first + " but the index says the chunk starts at " + mint
                    : samples == 1 && maxt != mint ? "holds one sample but the index says it spans [" + mint + ", "
                    + maxt + "]" : null;
        } catch (CorruptDataException e) {
            problem = "has no first timestamp: " + e.getMessage();
        }
        if (problem != null) {
            run.problem(CHECK_CHUNKS_DATA, name(segment), where(seriesId, ref) + " " + problem);
        }
    }

    /** Names a chunk in problems; built only when there is one. */
    static String where(long seriesId, long ref) {
        return "chunk ref " + ref + " (segment " + (ref >>> 32) + ", offset " + (ref & 0xFFFFFFFFL) + ") of series "
                + seriesId;
    }

    /** The chunk could not be found: its samples are not counted and the coverage resynchronises. */
    private void unreadable(String check, int segment, long seriesId, long ref, String detail) {
        uncounted(check, segment, seriesId, ref, detail);
        coverage.lostTrack();
    }

    /** The chunk was found but its samples cannot be counted. */
    private void uncounted(String check, int segment, long seriesId, long ref, String detail) {
        String file = segment < files.size() ? name(segment)
                : BlockFiles.CHUNKS + "/" + BlockFiles.segmentName(segment);
        run.problem(check, file, where(seriesId, ref) + " " + detail);
        run.tally.samplesComplete = false;
    }

    /** A series entry was skipped: the chunks it referenced are unknown. */
    void lostTrack() {
        coverage.lostTrack();
    }

    /** After the whole index was walked: every segment byte after the header belongs to a referenced chunk. */
    void finishCoverage() {
        coverage.finish();
    }

    private FileWindow window(int segment) throws IOException {
        if (openIndex != segment) {
            closeOpen();
            open = FileWindow.open(files.get(segment));
            openIndex = segment;
        }
        return open;
    }

    private void closeOpen() throws IOException {
        if (open != null) {
            FileWindow closing = open;
            open = null;
            openIndex = -1;
            closing.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeOpen();
    }
}
