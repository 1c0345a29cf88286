package io.promdr.restore.drill;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.fs.RunDirectories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The drill's own directory, {@code <parent>/promdr-drill-<backup-id>-<random>/}: restored blocks
 * in {@code blocks/}, the throwaway Prometheus in {@code prometheus/}. Created only when the parent
 * is a writable directory with room for the backup's files; always removed after the drill. A
 * {@link RunDirectories run directory}: the next drill removes one a killed drill left.
 */
final class ScratchDirectory {
    static final String PREFIX = "promdr-drill-";
    /** Room for the throwaway Prometheus' WAL and log, and for the file system not to fill to the last byte. */
    static final long HEADROOM_BYTES = 64L << 20;
    private static final Pattern NAMES = Pattern.compile(Pattern.quote(PREFIX) + ".+-[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScratchDirectory() {
    }

    /** Creates the scratch directory under {@code parent} (created when missing) for a drill that restores {@code bytes}. */
    static Path create(Path parent, String backupId, long bytes) throws IOException {
        Path dir = parent.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw invalid(dir, "cannot be created (" + e.getMessage() + ")");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw invalid(dir, "is not a writable directory");
        }
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < bytes + HEADROOM_BYTES) {
            throw new PromdrException(ErrorCode.DRILL_SCRATCH_INVALID, "scratch directory " + dir + " has " + usable
                    + " bytes free, the drill needs " + (bytes + HEADROOM_BYTES) + " (" + bytes + " of block files and "
                    + HEADROOM_BYTES + " for Prometheus)", "give a --scratch directory on a larger file system (drill.scratchDir)");
        }
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return RunDirectories.create(dir.resolve(PREFIX + backupId + "-" + HexFormat.of().formatHex(random)),
                "drill scratch directory of backup " + backupId);
    }

    /**
     * Removes the scratch directories under {@code parent} that drills killed before their cleanup
     * ran left behind (SIGKILL, OOM kill: the shutdown hook only runs on SIGTERM and Ctrl-C); only
     * those with promdr's run marker that no live drill holds. Returns those removed.
     */
    static List<Path> removeAbandoned(Path parent) {
        return RunDirectories.removeAbandoned(parent.toAbsolutePath().normalize(), NAMES, dir -> false);
    }

    private static PromdrException invalid(Path dir, String problem) {
        return new PromdrException(ErrorCode.DRILL_SCRATCH_INVALID, "scratch directory " + dir + " " + problem,
                "give a writable directory with --scratch (or drill.scratchDir)");
    }
}
