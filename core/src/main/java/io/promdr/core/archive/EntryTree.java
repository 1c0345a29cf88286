package io.promdr.core.archive;

import java.util.HashSet;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The paths a block archive has named so far, to refuse an entry that clashes with an earlier
 * one: the same path twice, a file below another file, a file where a directory already is.
 * These are checked on names alone, so that reading an archive without extracting it refuses
 * the same archives as extracting it does. Holds one string per entry: memory is bounded by the
 * entry limit and the name length limit.
 */
final class EntryTree {
    private final String ulid;
    /** Every entry's path, without a trailing '/', sorted so that "is anything below x/" is one lookup. */
    private final NavigableSet<String> paths = new TreeSet<>();
    private final Set<String> files = new HashSet<>();

    EntryTree(String ulid) {
        this.ulid = ulid;
    }

    /** Entries added so far. */
    int size() {
        return paths.size();
    }

    /**
     * Adds the entry at {@code path} ({@code <ulid>/...}, checked by {@link EntryNames}, no trailing
     * '/'), or returns why it clashes with an earlier entry (and adds nothing).
     */
    String add(String path, boolean directory) {
        if (paths.contains(path)) {
            return "duplicate entry";
        }
        if (!directory && path.equals(ulid)) {
            return "the block directory as a file";
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (files.contains(path.substring(0, slash))) {
                return "a directory where the archive already put a file";
            }
        }
        String below = paths.ceiling(path + "/");
        if (!directory && below != null && below.startsWith(path + "/")) {
            return "a file where the archive already put a directory";
        }
        paths.add(path);
        if (!directory) {
            files.add(path);
        }
        return null;
    }
}
