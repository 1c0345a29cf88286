package io.promdr.core.model;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Identifies one backup: {@code 20261125T173824Z-3fa9c2d1}, the UTC start time to the second
 * then 8 random hex digits. Ids sort by time as plain strings, and a user can type a unique
 * prefix of one.
 */
public record BackupId(String value) implements Comparable<BackupId> {
    private static final Pattern FORMAT = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{8}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    public BackupId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a backup id: " + value);
        }
    }

    public static BackupId newId(Instant startedAt) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return new BackupId(STAMP.format(startedAt) + "-" + HexFormat.of().formatHex(suffix));
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public int compareTo(BackupId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
