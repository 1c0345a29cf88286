package io.promdr.core.tsdb.verify;

import java.io.IOException;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SECTION_FORMAT;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SERIES_CRC;

/**
 * Walks the series section entry by entry: each entry is 16-byte aligned (its ID is offset / 16),
 * {@code uvarint len · body · CRC32C(body)}. Checks each CRC, decodes the labels and chunk metas
 * ({@link SeriesEntry}) and hands every chunk reference to {@link ChunkSegments}. Only the entry being
 * checked and the previous label set are held in memory.
 */
final class SeriesSection {
    private static final int ALIGNMENT = 16;
    private static final int MAX_VARINT32 = 5;

    private final VerificationRun run;
    private final FileWindow index;
    private final IndexToc toc;
    private final SeriesEntry entry;
    private final Decoder decoder = new Decoder();

    SeriesSection(VerificationRun run, FileWindow index, IndexToc toc, SymbolTable symbols, ChunkSegments chunks) {
        this.run = run;
        this.index = index;
        this.toc = toc;
        this.entry = new SeriesEntry(run, symbols, chunks);
    }

    /** Walks all series; true when the walk reached the end of the section (every entry was found). */
    boolean walk() throws IOException {
        Tally tally = run.tally;
        tally.seriesComplete = true;
        tally.chunksComplete = true;
        tally.samplesComplete = true;
        run.seriesIds = SeriesIds.forSection(toc.series(), toc.labelIndices());
        long end = toc.labelIndices();
        long pos = toc.series();
        while (true) {
            long aligned = Padding.align(pos, ALIGNMENT);
            if (aligned >= end) {
                Padding.checkZero(run, index, pos, end, "series section");
                return true;
            }
            Padding.checkZero(run, index, pos, aligned, "series section");
            pos = aligned;
            long next = readEntry(pos, end);
            if (next < 0) {
                tally.indexIncomplete();
                run.seriesIds = null;
                return false;
            }
            pos = next;
        }
    }

    /** Checks the entry at {@code pos}; returns where the next one may start, or -1 when that is unknown. */
    private long readEntry(long pos, long end) throws IOException {
        long id = pos / ALIGNMENT;
        int off = index.windowUpTo(pos, MAX_VARINT32);
        int length;
        try {
            length = decoder.reset(index.buffer(), off, off + index.available(pos, MAX_VARINT32))
                    .uvarintInt("series entry length");
        } catch (CorruptDataException e) {
            return abort(pos, "series entry at offset " + pos + " (ID " + id + "): " + e.getMessage());
        }
        int lengthSize = decoder.position() - off;
        long entryEnd = pos + lengthSize + length + 4L;
        if (length == 0 || entryEnd > end) {
            return abort(pos, "series entry at offset " + pos + " (ID " + id + ") has length " + length
                    + (length == 0 ? "" : ", which runs past the end of the series section at " + end));
        }
        run.tally.series++;
        if (run.seriesIds != null) {
            run.seriesIds.add(id);
        }
        off = index.window(pos, entryEnd - pos);
        int bodyOff = off + lengthSize;
        int stored = index.view().getInt(bodyOff + length);
        int computed = run.crc(index.buffer(), bodyOff, length);
        if (stored != computed) {
            run.problem(CHECK_INDEX_SERIES_CRC, CrcSection.FILE, String.format("series ID %d (offset %d, %d bytes):"
                    + " stored CRC32C %08x, computed %08x", id, pos, length, stored, computed));
            entry.skipped();
        } else {
            entry.check(id, decoder.reset(index.buffer(), bodyOff, bodyOff + length));
        }
        return entryEnd;
    }

    private long abort(long pos, String detail) {
        run.problem(CHECK_INDEX_SECTION_FORMAT, CrcSection.FILE, detail + "; the rest of the series section"
                + " cannot be walked");
        entry.skipped();
        return -1;
    }
}
