package io.promdr.core.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory trees as a whole. */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything below it, if it exists; links are deleted, never
     * followed. Best effort, for cleanup after a failure: a file that cannot be deleted is left
     * and the others are still deleted; nothing is reported.
     */
    public static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: the caller owns what is left
                }
            });
        } catch (IOException e) {
            // best effort, as above
        }
    }
}
