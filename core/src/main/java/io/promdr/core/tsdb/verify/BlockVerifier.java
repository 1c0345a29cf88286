package io.promdr.core.tsdb.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * promdr's own verifier of one Prometheus TSDB block (index v2, chunks v1, tombstones v1; see
 * docs/tsdb-verification.md). It recomputes every CRC32C of the block, walks every series entry and
 * every chunk the index references, and counts series, chunks and samples so that they can be
 * compared with meta.json and with a backup manifest.
 *
 * <p>Never throws for corrupt content: every finding is a {@link VerificationProblem} naming one of the
 * {@code CHECK_*} names below, the file, and where (offset, series ID, chunk reference) with the
 * values seen. Files are read with buffered positional reads, so memory stays bounded whatever the
 * block size. An instance has no state and may be shared.
 */
public final class BlockVerifier {
    /** The block directory holds meta.json, index, tombstones and chunks/ with segments 000001.. without gaps. */
    public static final String CHECK_BLOCK_FILES = "block.files";
    /** A file of the block could not be read at all (I/O error, permissions). */
    public static final String CHECK_READ = "block.read";
    /** meta.json parses, has version 1, names this block, and its times and compaction fields make sense. */
    public static final String CHECK_META = "meta.json";
    /** meta.json stats (numSeries, numChunks, numSamples, numTombstones) equal what the block holds. */
    public static final String CHECK_META_STATS = "meta.json.stats";
    /** The index starts with magic 0xBAAAD700 and format version 2. */
    public static final String CHECK_INDEX_HEADER = "index.header";
    /** The index table of contents (last 52 bytes) has a good CRC and section offsets in file order. */
    public static final String CHECK_INDEX_TOC = "index.toc";
    /** The CRC32C of every index section: symbol table, label indices, postings lists and both offset tables. */
    public static final String CHECK_INDEX_SECTION_CRC = "index.section.crc";
    /** The index sections decode: lengths, counts, alignment padding, sort orders, offsets between them. */
    public static final String CHECK_INDEX_SECTION_FORMAT = "index.section.format";
    /** The CRC32C of every series entry. */
    public static final String CHECK_INDEX_SERIES_CRC = "index.series.crc";
    /** Every series entry decodes: symbol references, sorted labels and series, chunk times within the block. */
    public static final String CHECK_INDEX_SERIES = "index.series";
    /** The postings lists hold ascending IDs of existing series; the all-postings list holds every series. */
    public static final String CHECK_INDEX_POSTINGS = "index.postings";
    /** Every chunk segment starts with magic 0x85BD40DD, version 1 and zero padding. */
    public static final String CHECK_CHUNKS_HEADER = "chunks.header";
    /** Every chunk reference of the index lies inside its segment; together they cover each segment exactly. */
    public static final String CHECK_CHUNKS_REF = "chunks.ref";
    /** The CRC32C of every chunk (encoding byte and data). */
    public static final String CHECK_CHUNKS_CRC = "chunks.crc";
    /** Every chunk has a known encoding and a sample count; an XOR chunk starts at its index time. */
    public static final String CHECK_CHUNKS_DATA = "chunks.data";
    /** The tombstones file: magic 0x0130BA30, version 1, CRC, entries of existing series. */
    public static final String CHECK_TOMBSTONES = "tombstones";

    /** Every check name, in the order the checks run. */
    public static final List<String> ALL_CHECKS = List.of(CHECK_BLOCK_FILES, CHECK_META, CHECK_CHUNKS_HEADER,
            CHECK_INDEX_HEADER, CHECK_INDEX_TOC, CHECK_INDEX_SECTION_CRC, CHECK_INDEX_SECTION_FORMAT,
            CHECK_INDEX_SERIES_CRC, CHECK_INDEX_SERIES, CHECK_CHUNKS_REF, CHECK_CHUNKS_CRC, CHECK_CHUNKS_DATA,
            CHECK_INDEX_POSTINGS, CHECK_TOMBSTONES, CHECK_META_STATS, CHECK_READ);

    public BlockVerifier() {
    }

    /**
     * Reads every file of the block and checks it. Never throws for corrupt content (that is a problem in
     * the result); memory stays bounded whatever the block size.
     *
     * @throws IOException only when the directory cannot be read at all
     */
    public BlockVerification verify(Path blockDir) throws IOException {
        if (!Files.isDirectory(blockDir)) {
            throw new NoSuchFileException(blockDir.toString(), null, "not a block directory");
        }
        VerificationRun run = new VerificationRun(blockDir);
        BlockFiles files = BlockFiles.check(run);
        run.meta = MetaCheck.check(run);
        try (ChunkSegments segments = ChunkSegments.open(run, files.segments())) {
            if (files.hasIndex() && new IndexVerifier(run, segments).verify()) {
                segments.finishCoverage();
            }
        }
        if (files.hasTombstones()) {
            TombstonesCheck.check(run);
        }
        StatsCheck.check(run);
        Tally tally = run.tally;
        String ulid = blockDir.toAbsolutePath().normalize().getFileName().toString();
        return new BlockVerification(ulid, tally.series, tally.chunks, tally.samples, run.problems.checksRun(),
                run.problems.all(), run.meta);
    }
}
