package io.promdr.core.tsdb;

import java.util.regex.Pattern;

/** ULIDs as Prometheus uses them for block directory names. */
public final class Ulids {
    /**
     * A strict ULID as Prometheus' {@code isBlockDir} accepts it ({@code ulid.ParseStrict}): 26
     * upper-case Crockford base32 characters, the first at most '7' so the value fits 128 bits.
     */
    private static final Pattern STRICT = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Ulids() {
    }

    /** True if {@code name} is a strict ULID, i.e. a block directory name Prometheus would load. */
    public static boolean isStrict(String name) {
        return name != null && STRICT.matcher(name).matches();
    }

    /** The creation time the ULID encodes (its first 10 characters, 48-bit ms since the epoch). */
    public static long timestampMillis(String ulid) {
        if (!isStrict(ulid)) {
            throw new IllegalArgumentException("not a ULID: " + ulid);
        }
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = (millis << 5) | CROCKFORD.indexOf(ulid.charAt(i));
        }
        return millis;
    }
}
