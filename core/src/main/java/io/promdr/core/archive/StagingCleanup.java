package io.promdr.core.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a partly extracted block so a failed extraction leaves nothing behind. */
final class StagingCleanup {
    private StagingCleanup() {
    }

    /** Deletes {@code dir} and everything below it (links are deleted, never followed); best effort. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: the staging directory is the caller's to remove in the end
                }
            });
        } catch (IOException e) {
            // best effort, as above
        }
    }
}
