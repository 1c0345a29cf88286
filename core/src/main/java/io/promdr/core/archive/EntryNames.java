package io.promdr.core.archive;

import java.nio.charset.StandardCharsets;

/** Checks tar entry names of a block archive before anything is created from them. */
final class EntryNames {
    static final int MAX_SEGMENT_BYTES = 255;
    static final int MAX_NAME_BYTES = 4096;

    private EntryNames() {
    }

    /**
     * Why {@code name} may not be extracted for block {@code ulid}, or null if it is acceptable:
     * a relative path of plain segments under {@code <ulid>/}, within Linux name limits.
     */
    static String problem(String name, String ulid) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return "name longer than " + MAX_NAME_BYTES + " bytes";
        }
        if (name.startsWith("/")) {
            return "absolute path";
        }
        if (name.indexOf('\0') >= 0 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "control character in name";
        }
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String[] segments = trimmed.split("/", -1);
        for (String segment : segments) {
            if (segment.equals("..")) {
                return "parent directory reference";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "empty or '.' path segment";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return "path segment longer than " + MAX_SEGMENT_BYTES + " bytes";
            }
        }
        if (!segments[0].equals(ulid)) {
            return "outside the block directory " + ulid + "/";
        }
        return null;
    }

    /** The name made printable and short enough for a one-line message. */
    static String printable(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
