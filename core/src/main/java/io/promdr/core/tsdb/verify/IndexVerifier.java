package io.promdr.core.tsdb.verify;

import java.io.IOException;
import java.nio.file.Path;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_CRC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_DATA;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_CHUNKS_REF;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_HEADER;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_POSTINGS;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_CRC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_FORMAT;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SERIES;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SERIES_CRC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_TOC;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_READ;

/**
 * The index file (tsdb-format reference section 2), in file order: header, TOC, symbol table, series
 * (with their chunks), label indices against the label-offset table, postings lists against the
 * postings-offset table. A bad header or TOC stops here: without them no section can be found.
 */
final class IndexVerifier {
    static final int MAGIC = 0xBAAAD700;
    static final int VERSION = 2;
    static final int HEADER_SIZE = 5;
    private static final int TABLE_WINDOW = 256 << 10;

    private final VerificationRun run;
    private final ChunkSegments chunks;

    IndexVerifier(VerificationRun run, ChunkSegments chunks) {
        this.run = run;
        this.chunks = chunks;
    }

    /** Checks the index; true when every series entry was walked (so chunk coverage can be judged). */
    boolean verify() {
        Path file = run.blockDir.resolve(CrcSection.FILE);
        try (FileWindow index = FileWindow.open(file); FileWindow tables = FileWindow.open(file, TABLE_WINDOW)) {
            IndexToc toc = readHeaderAndToc(index);
            if (toc == null) {
                return false;
            }
            return verifySections(index, tables, toc);
        } catch (CorruptDataException e) {
            // Only a file that changes while being read gets here: every decode is guarded where it happens.
            run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, e.getMessage());
        } catch (IOException e) {
            run.problem(CHECK_READ, CrcSection.FILE, "cannot read: " + e);
        }
        run.tally.indexIncomplete();
        return false;
    }

    private IndexToc readHeaderAndToc(FileWindow index) throws IOException {
        run.problems.ran(CHECK_INDEX_HEADER);
        long size = index.size();
        if (size < HEADER_SIZE + IndexToc.SIZE) {
            run.problem(CHECK_INDEX_HEADER, CrcSection.FILE, "the index is " + size + " bytes, too short for a header"
                    + " and a TOC");
            return null;
        }
        int off = index.window(0, HEADER_SIZE);
        int magic = index.view().getInt(off);
        int version = index.buffer()[off + 4] & 0xFF;
        if (magic != MAGIC) {
            run.problem(CHECK_INDEX_HEADER, CrcSection.FILE,
                    String.format("magic number %08x, expected %08x", magic, MAGIC));
            return null;
        }
        if (version != VERSION) {
            run.problem(CHECK_INDEX_HEADER, CrcSection.FILE, "format version " + version + "; promdr verifies version "
                    + VERSION + ", the version Prometheus 2.x and 3.x write");
            return null;
        }
        run.problems.ran(CHECK_INDEX_TOC);
        long tocStart = size - IndexToc.SIZE;
        off = index.window(tocStart, IndexToc.SIZE);
        int stored = index.view().getInt(off + IndexToc.SIZE - 4);
        int computed = run.crc(index.buffer(), off, IndexToc.SIZE - 4);
        if (stored != computed) {
            run.problem(CHECK_INDEX_TOC, CrcSection.FILE, String.format("TOC at offset %d: stored CRC32C %08x,"
                    + " computed %08x", tocStart, stored, computed));
            return null;
        }
        var v = index.view();
        IndexToc toc = new IndexToc(v.getLong(off), v.getLong(off + 8), v.getLong(off + 16), v.getLong(off + 24),
                v.getLong(off + 32), v.getLong(off + 40), tocStart);
        String order = toc.orderProblem(HEADER_SIZE);
        if (order != null) {
            run.problem(CHECK_INDEX_TOC, CrcSection.FILE, order);
            return null;
        }
        return toc;
    }

    private boolean verifySections(FileWindow index, FileWindow tables, IndexToc toc) throws IOException {
        for (String check : new String[] {CHECK_INDEX_SECTION_CRC, CHECK_INDEX_SECTION_FORMAT, CHECK_INDEX_SERIES_CRC,
                CHECK_INDEX_SERIES, CHECK_CHUNKS_REF, CHECK_CHUNKS_CRC, CHECK_CHUNKS_DATA}) {
            run.problems.ran(check);
        }
        SymbolTable symbols = SymbolTable.check(run, index, toc);
        boolean walked = new SeriesSection(run, index, toc, symbols, chunks).walk();

        OffsetTable labelTable = toc.hasLabelOffsetTable()
                ? OffsetTable.open(run, tables, "label offset table", 1, toc.labelIndicesTable(), toc.postingsTable())
                : null;
        ListSection.walk(run, index, "label index", toc.labelIndices(), toc.postings(), labelTable,
                new LabelIndexCheck(run, index, symbols));

        run.problems.ran(CHECK_INDEX_POSTINGS);
        OffsetTable postingsTable = OffsetTable.open(run, tables, "postings offset table", 2, toc.postingsTable(),
                toc.tocStart());
        PostingsCheck postings = new PostingsCheck(run, index);
        if (ListSection.walk(run, index, "postings list", toc.postings(), toc.postingsEnd(), postingsTable, postings)) {
            postings.finish();
        }
        return walked;
    }
}
