package io.promdr.core.tsdb.verify;

import io.promdr.core.tsdb.BlockMeta;

import java.util.Arrays;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_INDEX_SERIES;

/**
 * Decodes one series entry body whose CRC matched: {@code uvarint #labels, #labels × (uvarint name,
 * uvarint value)} symbol ordinals, then {@code uvarint #chunks} and the delta-encoded chunk metas
 * (first: varint mint, uvarint maxt-mint, uvarint ref; then uvarint mint-prevMaxt, uvarint maxt-mint,
 * varint ref-prevRef). Keeps the previous series' labels to check that series are sorted.
 */
final class SeriesEntry {
    private final VerificationRun run;
    private final SymbolTable symbols;
    private final ChunkSegments chunks;
    private long[] labels = new long[32];
    private long[] previous = new long[32];
    /** How many label refs (name, value, ...) {@code previous} holds; -1 when there is no usable previous series. */
    private int previousLength = -1;

    SeriesEntry(VerificationRun run, SymbolTable symbols, ChunkSegments chunks) {
        this.run = run;
        this.symbols = symbols;
        this.chunks = chunks;
    }

    /** Checks the body of series {@code id}, held in {@code body}. */
    void check(long id, Decoder body) {
        try {
            int length = readLabels(id, body);
            checkOrder(id, length);
            long[] swap = previous;
            previous = labels;
            labels = swap;
            previousLength = length;
            run.tally.labelPairs += length / 2;
            readChunks(id, body);
            if (body.remaining() != 0) {
                problem(id, "holds " + body.remaining() + " bytes after its chunk metas");
            }
        } catch (CorruptDataException e) {
            problem(id, "does not decode: " + e.getMessage());
            skipped();
        }
    }

    /** The entry could not be read: its chunks and labels are unknown. */
    void skipped() {
        run.tally.chunksComplete = false;
        run.tally.samplesComplete = false;
        previousLength = -1;
        chunks.lostTrack();
    }

    private int readLabels(long id, Decoder body) {
        int count = body.uvarintInt("label count");
        if (count > body.remaining() / 2) {
            throw new CorruptDataException("label count " + count + " exceeds what the entry can hold");
        }
        if (count == 0) {
            problem(id, "has no labels");
        }
        if (labels.length < 2 * count) {
            labels = new long[2 * count];
            previous = Arrays.copyOf(previous, 2 * count);
        }
        String labelProblem = null;
        for (int i = 0; i < count; i++) {
            long name = body.uvarint();
            long value = body.uvarint();
            labels[2 * i] = name;
            labels[2 * i + 1] = value;
            if (labelProblem != null || !symbols.known()) {
                continue;
            }
            if (name >= symbols.count() || value >= symbols.count() || name < 0 || value < 0) {
                labelProblem = "label " + i + " references symbols " + name + "=" + value + " but the table has "
                        + symbols.count();
            } else if (name == symbols.emptyRef() || value == symbols.emptyRef()) {
                labelProblem = "label " + i + " has an empty " + (name == symbols.emptyRef() ? "name" : "value");
            } else if (i > 0 && name <= labels[2 * i - 2]) {
                labelProblem = "labels are not sorted by name or repeat a name (label " + i + ")";
            }
        }
        if (labelProblem != null) {
            problem(id, labelProblem);
        }
        return 2 * count;
    }

    /** Symbol ordinals sort like their strings, so comparing the ref sequences compares the label sets. */
    private void checkOrder(long id, int length) {
        if (previousLength < 0 || !symbols.known()) {
            return;
        }
        int common = Math.min(length, previousLength);
        int cmp = Arrays.compare(labels, 0, common, previous, 0, common);
        if (cmp < 0 || (cmp == 0 && length <= previousLength)) {
            problem(id, "label set does not sort after the previous series' (series must be sorted and unique)");
        }
    }

    private void readChunks(long id, Decoder body) {
        int count = body.uvarintInt("chunk count");
        if (count > body.remaining() / 3) {
            throw new CorruptDataException("chunk count " + count + " exceeds what the entry can hold");
        }
        run.tally.chunks += count;
        BlockMeta meta = run.meta;
        long previousMaxt = 0;
        long ref = 0;
        for (int j = 0; j < count; j++) {
            long mint = j == 0 ? body.varint() : previousMaxt + body.uvarint();
            long maxt = mint + body.uvarint();
            ref = j == 0 ? body.uvarint() : ref + body.varint();
            if (maxt < mint) {
                problem(id, "chunk " + j + " ends (" + maxt + ") before it starts (" + mint + ")");
            } else if (j > 0 && mint <= previousMaxt) {
                problem(id, "chunk " + j + " starts at " + mint + ", not after the previous chunk's end "
                        + previousMaxt);
            }
            if (meta != null && (mint < meta.minTime() || maxt >= meta.maxTime())) {
                problem(id, "chunk " + j + " [" + mint + ", " + maxt + "] lies outside the block's time range ["
                        + meta.minTime() + ", " + meta.maxTime() + ")");
            }
            previousMaxt = maxt;
            chunks.check(id, ref, mint, maxt);
        }
    }

    private void problem(long id, String detail) {
        run.problem(CHECK_INDEX_SERIES, CrcSection.FILE, "series ID " + id + " (offset " + id * 16 + ") " + detail);
    }
}
