package io.promdr.restore.drill;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The drill's own directory, {@code <parent>/promdr-drill-<backup-id>-<random>/}: restored blocks
 * in {@code blocks/}, the throwaway Prometheus in {@code prometheus/}. Created only when the parent
 * is a writable directory with room for the backup's files; always removed after the drill.
 */
final class ScratchDirectory {
    static final String PREFIX = "promdr-drill-";
    /** Room for the throwaway Prometheus' WAL and log, and for the file system not to fill to the last byte. */
    static final long HEADROOM_BYTES = 64L << 20;
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
        return Files.createDirectory(dir.resolve(PREFIX + backupId + "-" + HexFormat.of().formatHex(random)));
    }

    private static PromdrException invalid(Path dir, String problem) {
        return new PromdrException(ErrorCode.DRILL_SCRATCH_INVALID, "scratch directory " + dir + " " + problem,
                "give a writable directory with --scratch (or drill.scratchDir)");
    }
}
