package io.promdr.restore.verify;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which block objects {@code verify} reads: subset {@code n} of {@code t} (1-based). An object
 * belongs to exactly one subset, chosen by its content hash, so the choice is the same on every
 * run and on every machine, and the runs 1/t, 2/t ... t/t together read every object once.
 * {@link #ALL} (1/1) reads them all.
 */
public record DataSubset(int n, int t) {
    public static final DataSubset ALL = new DataSubset(1, 1);
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public DataSubset {
        if (t < 1 || n < 1 || n > t) {
            throw new IllegalArgumentException("subset " + n + "/" + t + " is not n/t with 1 <= n <= t");
        }
    }

    /** Parses {@code n/t}, e.g. {@code 2/7}. */
    public static DataSubset parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            int t = Integer.parseInt(m.group(2));
            if (t >= 1 && n >= 1 && n <= t) {
                return new DataSubset(n, t);
            }
        }
        throw new PromdrException(ErrorCode.USAGE, "--read-data-subset \"" + text + "\" is not n/t with 1 <= n <= t",
                "e.g. --read-data-subset 1/7 reads a seventh of the data; 1/7 to 7/7 read all of it");
    }

    /** True when {@code block}'s object is in this subset (the first 60 bits of its content hash, modulo t). */
    public boolean contains(BlockRecord block) {
        long bits = Long.parseUnsignedLong(block.contentHash().substring(0, 15), 16);
        return bits % t == n - 1;
    }

    @Override
    public String toString() {
        return n + "/" + t;
    }
}
