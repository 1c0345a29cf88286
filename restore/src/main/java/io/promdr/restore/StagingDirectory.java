package io.promdr.restore;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.fs.RunDirectories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where blocks are downloaded and verified before they are moved into the target. It must be on
 * the target's filesystem, so that activating a block is one atomic rename:
 * {@code <target-parent>/.promdr-restore-<target-name>-<random>/}. When the target is a mount
 * point (a Kubernetes volume mounted at the data directory), its parent is another filesystem;
 * the staging directory then goes inside the target under the same hidden name, which is not a
 * ULID, so Prometheus ignores it.
 *
 * <p>It is a {@link RunDirectories run directory}: marked and locked while the restore runs, so
 * that the next restore into the same target removes one a killed restore left
 * ({@link LeftoverStaging}).
 */
final class StagingDirectory {
    static final String PREFIX = ".promdr-restore-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StagingDirectory() {
    }

    /** Creates the staging directory of {@code target} (absolute, normalized), and the target's parents if missing. */
    static Path create(Path target) throws IOException {
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) {
            throw new PromdrException(ErrorCode.RESTORE_TARGET_INVALID, "restore target " + target + " has no parent directory",
                    "restore into a sub-directory");
        }
        Files.createDirectories(parent);
        Path base = Files.isDirectory(target) && !sameFileSystem(target, parent) ? target : parent;
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return RunDirectories.create(base.resolve(PREFIX + target.getFileName() + "-" + HexFormat.of().formatHex(random)),
                "restore staging directory of " + target);
    }

    /** The names the staging directories of {@code target} have (the random part is 8 hex digits). */
    static Pattern namesOf(Path target) {
        return Pattern.compile(Pattern.quote(PREFIX + target.getFileName() + "-") + "[0-9a-f]{8}");
    }

    /** Whether {@code entry} is a staging directory promdr made (its name, and the run marker in it). */
    static boolean isStaging(Path entry) {
        return entry.getFileName().toString().startsWith(PREFIX) && RunDirectories.isMarked(entry);
    }

    private static boolean sameFileSystem(Path a, Path b) throws IOException {
        return Files.getFileStore(a).equals(Files.getFileStore(b));
    }
}
