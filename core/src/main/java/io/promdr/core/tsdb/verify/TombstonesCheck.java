package io.promdr.core.tsdb.verify;

import java.io.IOException;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_READ;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_TOMBSTONES;

/**
 * The tombstones file (tsdb-format reference section 4): {@code magic 0x0130BA30 · version 1 · entries ·
 * CRC32C(entries)}, each entry {@code uvarint series ID, varint mint, varint maxt} (a closed interval of
 * deleted samples of an existing series).
 */
final class TombstonesCheck {
    static final String FILE = BlockFiles.TOMBSTONES;
    static final int MAGIC = 0x0130BA30;
    static final int VERSION = 1;
    private static final int HEADER_SIZE = 5;
    private static final int MAX_ENTRY = 30;

    private TombstonesCheck() {
    }

    static void check(VerificationRun run) {
        run.problems.ran(CHECK_TOMBSTONES);
        try (FileWindow file = FileWindow.open(run.blockDir.resolve(FILE))) {
            check(run, file);
        } catch (IOException e) {
            run.problem(CHECK_READ, FILE, "cannot read: " + e);
        } catch (CorruptDataException e) {
            run.problem(CHECK_TOMBSTONES, FILE, e.getMessage());
        }
    }

    private static void check(VerificationRun run, FileWindow file) throws IOException {
        long size = file.size();
        if (size < HEADER_SIZE + 4) {
            problem(run, "the file is " + size + " bytes, too short for its header and CRC (an empty one has 9)");
            return;
        }
        int off = file.window(0, HEADER_SIZE);
        int magic = file.view().getInt(off);
        int version = file.buffer()[off + 4] & 0xFF;
        if (magic != MAGIC || version != VERSION) {
            problem(run, String.format("header is magic %08x version %d, expected %08x version %d", magic, version,
                    MAGIC, VERSION));
            return;
        }
        long end = size - 4;
        int computed = file.crc(HEADER_SIZE, end - HEADER_SIZE, run.crc);
        int stored = file.view().getInt(file.window(end, 4));
        if (stored != computed) {
            problem(run, String.format("stored CRC32C %08x, computed %08x over bytes [%d, %d)", stored, computed,
                    HEADER_SIZE, end));
            return;
        }
        readEntries(run, file, end);
    }

    private static void readEntries(VerificationRun run, FileWindow file, long end) throws IOException {
        Decoder decoder = new Decoder();
        long pos = HEADER_SIZE;
        long count = 0;
        while (pos < end) {
            int available = (int) Math.min(MAX_ENTRY, end - pos);
            int off = file.window(pos, available);
            long id;
            long mint;
            long maxt;
            try {
                decoder.reset(file.buffer(), off, off + available);
                id = decoder.uvarint();
                mint = decoder.varint();
                maxt = decoder.varint();
            } catch (CorruptDataException e) {
                problem(run, "entry " + count + " at offset " + pos + ": " + e.getMessage());
                return;
            }
            if (run.seriesIds != null && !run.seriesIds.contains(id)) {
                problem(run, "entry " + count + " at offset " + pos + " deletes from series ID " + id
                        + ", which is not in the index");
            }
            if (maxt < mint) {
                problem(run, "entry " + count + " at offset " + pos + " has the empty interval [" + mint + ", "
                        + maxt + "]");
            }
            pos += decoder.position() - off;
            count++;
        }
        run.tally.tombstones = count;
        run.tally.tombstonesComplete = true;
    }

    private static void problem(VerificationRun run, String detail) {
        run.problem(CHECK_TOMBSTONES, FILE, detail);
    }
}
