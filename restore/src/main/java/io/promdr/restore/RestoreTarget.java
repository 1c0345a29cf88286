package io.promdr.restore;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The directory a restore writes into, as found before anything is downloaded. */
final class RestoreTarget {
    private RestoreTarget() {
    }

    /**
     * The names of the entries already in {@code target} (empty when it does not exist yet).
     * Refuses a target that is not a directory, and a non-empty one unless merging or forcing.
     */
    static Set<String> existingEntries(Path target, boolean merge, boolean force) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        if (!Files.isDirectory(target)) {
            throw new PromdrException(ErrorCode.RESTORE_TARGET_INVALID, "restore target " + target + " is not a directory",
                    "give a directory (it is created when missing)");
        }
        Set<String> names = new TreeSet<>();
        try (Stream<Path> entries = Files.list(target)) {
            // A staging directory inside the target (a mount point) is promdr's, not the user's data.
            entries.filter(entry -> !StagingDirectory.isStaging(entry)).forEach(entry -> names.add(entry.getFileName().toString()));
        }
        if (!names.isEmpty() && !merge && !force) {
            throw new PromdrException(ErrorCode.RESTORE_TARGET_NOT_EMPTY, "restore target " + target + " is not empty",
                    "use --merge to add blocks to an existing data directory, or --force");
        }
        return names;
    }
}
