package io.promdr.core.archive;

import io.promdr.core.model.FileRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of entries in a block archive: {@code meta.json}, {@code index}, {@code chunks/}
 * and its segments, {@code tombstones}, then anything else sorted by path, each directory
 * before its contents. A fixed order makes archives of the same block comparable and puts the
 * small metadata first for anyone peeking with {@code tar t}.
 */
final class ArchiveLayout {
    static final String CHUNKS_DIR = "chunks/";

    /** One tar entry: a directory (path ends with '/') or a file of the block. */
    record Item(String path, FileRecord file) {
        boolean isDirectory() {
            return file == null;
        }
    }

    private ArchiveLayout() {
    }

    /** The entries for {@code files} (paths relative to the block), with the directories they need. */
    static List<Item> items(List<FileRecord> files) {
        Map<String, Item> items = new LinkedHashMap<>();
        items.put(CHUNKS_DIR, new Item(CHUNKS_DIR, null)); // every block has one, even if empty
        for (FileRecord file : files) {
            requireRelative(file.path());
            if (items.putIfAbsent(file.path(), new Item(file.path(), file)) != null) {
                throw new IllegalArgumentException("file listed twice: " + file.path());
            }
            for (int slash = file.path().indexOf('/'); slash >= 0; slash = file.path().indexOf('/', slash + 1)) {
                String dir = file.path().substring(0, slash + 1);
                items.putIfAbsent(dir, new Item(dir, null));
            }
        }
        List<Item> ordered = new ArrayList<>(items.values());
        ordered.sort(Comparator.comparingInt((Item i) -> rank(i.path())).thenComparing(Item::path));
        return ordered;
    }

    private static int rank(String path) {
        if (path.equals("meta.json")) {
            return 0;
        }
        if (path.equals("index")) {
            return 1;
        }
        if (path.startsWith(CHUNKS_DIR)) {
            return 2;
        }
        return path.equals("tombstones") ? 3 : 4;
    }

    private static void requireRelative(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("not a relative file path: " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a relative file path: " + path);
            }
        }
    }
}
