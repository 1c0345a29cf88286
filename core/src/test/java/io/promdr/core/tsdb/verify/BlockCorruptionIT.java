package io.promdr.core.tsdb.verify;

import io.promdr.core.testing.TreeCopy;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_BLOCK_FILES;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_CRC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_DATA;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_HEADER;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_REF;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_HEADER;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_POSTINGS;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_CRC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_FORMAT;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SERIES;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SERIES_CRC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_TOC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_META;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_META_STATS;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_TOMBSTONES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One kind of damage per test, on a copy of a sound promtool block (100 series, 400 chunks, 48,000
 * samples): each must be reported under its exact check name and file, and nothing else.
 */
class BlockCorruptionIT {
    private static final String INDEX = "index";
    private static final String SEGMENT = "chunks/000001";

    @TempDir
    static Path generated;
    private static Path pristine;

    @TempDir
    Path tmp;
    private Path block;

    @BeforeAll
    static void generate() {
        pristine = TsdbTestData.generate(generated.resolve("blocks"), 100, 2, 15).blockDirs().get(0);
    }

    private Path block() throws IOException {
        block = tmp.resolve(pristine.getFileName().toString());
        TreeCopy.copy(pristine, block);
        return block;
    }

    private BlockVerification verify() throws IOException {
        return new BlockVerifier().verify(block);
    }

    /** Every problem is of {@code check} in {@code file}, and the first one's detail contains {@code detail}. */
    private static void assertOnly(BlockVerification result, String check, String file, String detail) {
        List<VerificationProblem> problems = result.problems();
        assertThat(problems).as("problems").isNotEmpty()
                .allSatisfy(p -> {
                    assertThat(p.check()).as(p.toString()).isEqualTo(check);
                    assertThat(p.file()).as(p.toString()).isEqualTo(file);
                });
        assertThat(problems.get(0).detail()).contains(detail);
        assertThat(result.ok()).isFalse();
    }

    @Test
    void soundCopyHasNoProblem() throws IOException {
        block();
        BlockVerification result = verify();
        assertThat(result.problems()).isEmpty();
        assertThat(List.of(result.series(), result.chunks(), result.samples())).containsExactly(100L, 400L, 48_000L);
    }

    @Test
    void indexMagic() throws IOException {
        BlockSurgery.flip(block(), INDEX, 1);
        assertOnly(verify(), CHECK_INDEX_HEADER, INDEX, "magic number ba55d700, expected baaad700");
    }

    @Test
    void indexVersion() throws IOException {
        BlockSurgery.flip(block(), INDEX, 4);
        assertOnly(verify(), CHECK_INDEX_HEADER, INDEX, "format version 253");
    }

    @Test
    void toc() throws IOException {
        BlockSurgery.flip(block(), INDEX, BlockSurgery.indexSize(block) - 52 + 7);
        BlockVerification result = verify();
        assertOnly(result, CHECK_INDEX_TOC, INDEX, "TOC at offset " + (BlockSurgery.indexSize(block) - 52));
        assertThat(result.series()).isZero();
    }

    @Test
    void symbolTable() throws IOException {
        long symbols = BlockSurgery.toc(block())[0];
        BlockSurgery.flip(block, INDEX, symbols + 12);
        assertOnly(verify(), CHECK_INDEX_SECTION_CRC, INDEX, "symbol table at offset " + symbols);
    }

    @Test
    void seriesEntry() throws IOException {
        long first = BlockSurgery.seriesEntries(block()).get(0).offset();
        BlockSurgery.flip(block, INDEX, first + 3);
        BlockVerification result = verify();
        assertOnly(result, CHECK_INDEX_SERIES_CRC, INDEX, "series ID " + first / 16 + " (offset " + first + ",");
        assertThat(result.series()).isEqualTo(100);
    }

    @Test
    void labelIndex() throws IOException {
        long first = align4(BlockSurgery.toc(block())[2]);
        BlockSurgery.flip(block, INDEX, first + 12);
        assertOnly(verify(), CHECK_INDEX_SECTION_CRC, INDEX, "label index 0 at offset " + first);
    }

    @Test
    void postingsList() throws IOException {
        long first = align4(BlockSurgery.toc(block())[4]);
        BlockSurgery.flip(block, INDEX, first + 12);
        assertOnly(verify(), CHECK_INDEX_SECTION_CRC, INDEX, "postings list 0 at offset " + first);
    }

    @Test
    void labelOffsetTable() throws IOException {
        long table = BlockSurgery.toc(block())[3];
        BlockSurgery.flip(block, INDEX, table + 10);
        assertOnly(verify(), CHECK_INDEX_SECTION_CRC, INDEX, "label offset table at offset " + table);
    }

    @Test
    void postingsOffsetTable() throws IOException {
        long table = BlockSurgery.toc(block())[5];
        BlockSurgery.flip(block, INDEX, table + 10);
        assertOnly(verify(), CHECK_INDEX_SECTION_CRC, INDEX, "postings offset table at offset " + table);
    }

    @Test
    void chunkData() throws IOException {
        BlockSurgery.flip(block(), SEGMENT, 100);
        BlockVerification result = verify();
        assertOnly(result, CHECK_CHUNKS_CRC, SEGMENT, "chunk ref 8 (segment 0, offset 8) of series ");
        assertThat(result.problems()).hasSize(1);
    }

    @Test
    void chunkCrc() throws IOException {
        long crcAt = BlockSurgery.chunkCrcOffset(block(), SEGMENT, 8);
        BlockSurgery.flip(block, SEGMENT, crcAt + 1);
        assertOnly(verify(), CHECK_CHUNKS_CRC, SEGMENT, "chunk ref 8 ");
    }

    @Test
    void segmentHeader() throws IOException {
        BlockSurgery.flip(block(), SEGMENT, 2);
        BlockVerification result = verify();
        assertOnly(result, CHECK_CHUNKS_HEADER, SEGMENT, "magic number 85bdbfdd, expected 85bd40dd");
        assertThat(result.samples()).isEqualTo(48_000);
    }

    @Test
    void truncatedSegment() throws IOException {
        BlockSurgery.truncate(block(), SEGMENT, 30_000);
        BlockVerification result = verify();
        assertOnly(result, CHECK_CHUNKS_REF, SEGMENT, "but the segment ends at 30000: truncated segment");
        assertThat(result.problems().get(1).detail()).contains("points past the end of the segment (30000 bytes)");
        assertThat(result.problems().get(result.problems().size() - 1).detail()).contains("more chunks.ref problems");
    }

    @Test
    void chunkReferencePastItsSegment() throws IOException {
        long size = Files.size(block().resolve(SEGMENT));
        long series = BlockSurgery.setLastChunkRef(block, size + 1000);
        BlockVerification result = verify();
        assertOnly(result, CHECK_CHUNKS_REF, SEGMENT, "chunk ref " + (size + 1000) + " (segment 0, offset "
                + (size + 1000) + ") of series " + series + " points past the end of the segment (" + size + " bytes)");
        assertThat(result.problems()).hasSize(1);
    }

    @Test
    void tombstonesCrc() throws IOException {
        BlockSurgery.flip(block(), "tombstones", 6);
        assertOnly(verify(), CHECK_TOMBSTONES, "tombstones", "stored CRC32C 00ff0000, computed 00000000");
    }

    @Test
    void tombstonesMagic() throws IOException {
        BlockSurgery.flip(block(), "tombstones", 0);
        assertOnly(verify(), CHECK_TOMBSTONES, "tombstones", "header is magic fe30ba30 version 1");
    }

    @Test
    void unparsableMetaJson() throws IOException {
        Files.writeString(block().resolve("meta.json"), "{\"ulid\": ");
        BlockVerification result = verify();
        assertOnly(result, CHECK_META, "meta.json", "is not valid JSON");
        assertThat(result.meta()).isNull();
        assertThat(result.samples()).isEqualTo(48_000);
    }

    @Test
    void statsThatDisagreeWithTheData() throws IOException {
        BlockSurgery.setStat(block(), "numSamples", 48_001);
        BlockSurgery.setStat(block, "numSeries", 99);
        BlockVerification result = verify();
        assertOnly(result, CHECK_META_STATS, "meta.json", "stats.numSeries is 99 but the block holds 100 series entries");
        assertThat(result.problems()).extracting(VerificationProblem::detail).containsExactly(
                "stats.numSeries is 99 but the block holds 100 series entries in the index",
                "stats.numSamples is 48001 but the block holds 48000 samples in the chunks");
    }

    @Test
    void missingIndex() throws IOException {
        Files.delete(block().resolve(INDEX));
        BlockVerification result = verify();
        assertOnly(result, CHECK_BLOCK_FILES, INDEX, "the block has no regular file index");
        assertThat(result.series()).isZero();
    }

    // Damage that keeps every CRC valid (a broken writer, or bytes replaced together with their CRC).

    @Test
    void chunkWithUnknownEncoding() throws IOException {
        BlockSurgery.editChunk(block(), SEGMENT, 8, entry -> entry[0] = 7);
        assertOnly(verify(), CHECK_CHUNKS_DATA, SEGMENT, "chunk ref 8 (segment 0, offset 8) of series ");
        assertThat(verify().problems().get(0).detail()).endsWith(" has unknown encoding 7");
    }

    @Test
    void chunkThatStartsAtAnotherTimeThanTheIndexSays() throws IOException {
        // entry = encoding, uint16 sample count, then the first timestamp's varint: change its lowest bits.
        BlockSurgery.editChunk(block(), SEGMENT, 8, entry -> entry[3] ^= 0x02);
        assertOnly(verify(), CHECK_CHUNKS_DATA, SEGMENT, "starts at timestamp ");
    }

    @Test
    void bytesNoSeriesReferences() throws IOException {
        long size = Files.size(block().resolve(SEGMENT));
        BlockSurgery.append(block, SEGMENT, 100);
        assertOnly(verify(), CHECK_CHUNKS_REF, SEGMENT, "bytes [" + size + ", " + (size + 100)
                + ") after the last referenced chunk are not referenced by any series");
    }

    @Test
    void seriesWithAnEmptyLabelName() throws IOException {
        // body = #labels, then (name, value) symbol refs: symbol 0 is the empty string.
        BlockSurgery.editSeries(block(), 10, body -> body[1] = 0);
        BlockVerification result = verify();
        assertOnly(result, CHECK_INDEX_SERIES, INDEX, "has an empty name");
        assertThat(result.problems()).extracting(VerificationProblem::detail)
                .anyMatch(d -> d.contains("label set does not sort after the previous series'"));
    }

    @Test
    void postingsListWithAnIdThatIsNoSeries() throws IOException {
        long[] id = new long[1];
        BlockSurgery.editFirstPostingsList(block(), list -> {
            id[0] = list.getInt(4) + 1L;
            list.putInt(8, (int) id[0]);
        });
        assertOnly(verify(), CHECK_INDEX_POSTINGS, INDEX, "ID " + id[0] + " is not a series");
    }

    @Test
    void paddingThatIsNotZero() throws IOException {
        BlockSurgery.SeriesEntryAt padded = BlockSurgery.seriesEntries(block()).stream()
                .filter(e -> e.slack() > 0).findFirst().orElseThrow();
        long at = padded.offset() + padded.lengthSize() + padded.bodyLength() + 4;
        BlockSurgery.flip(block, INDEX, at);
        assertOnly(verify(), CHECK_INDEX_SECTION_FORMAT, INDEX, "series section: padding byte at offset " + at
                + " is 255, expected 0");
    }

    private static long align4(long offset) {
        return (offset + 3) / 4 * 4;
    }
}
