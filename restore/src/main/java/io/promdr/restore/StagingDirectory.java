package io.promdr.restore;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where blocks are downloaded and verified before they are moved into the target. It must be on
 * the target's filesystem, so that activating a block is one atomic rename:
 * {@code <target-parent>/.promdr-restore-<target-name>-<random>/}. When the target is a mount
 * point (a Kubernetes volume mounted at the data directory), its parent is another filesystem;
 * the staging directory then goes inside the target under the same hidden name, which is not a
 * ULID, so Prometheus ignores it.
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
        return Files.createDirectory(base.resolve(PREFIX + target.getFileName() + "-" + HexFormat.of().formatHex(random)));
    }

    private static boolean sameFileSystem(Path a, Path b) throws IOException {
        return Files.getFileStore(a).equals(Files.getFileStore(b));
    }
}
