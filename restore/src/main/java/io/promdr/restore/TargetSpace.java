package io.promdr.restore;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Room on the restore target's file system. Checked before the first download, from the
 * manifest's file sizes: a restore that cannot fit fails at once, before it transfers anything.
 * The check is a lower bound (file systems round every file up to their block size, and others may
 * write meanwhile), so a full file system during the download is turned into the same error; the
 * staging directory is then removed as after any failed restore, and nothing is activated.
 */
final class TargetSpace {
    private static final String HINT = "free space on that file system, restore into one with more room, "
            + "or restore less with --from/--until";

    private TargetSpace() {
    }

    /** Fails with RESTORE_TARGET_FULL when {@code staging}'s file system has less usable space than {@code bytes}. */
    static void requireRoom(Path target, Path staging, long bytes) throws IOException {
        long usable = Files.getFileStore(staging).getUsableSpace();
        if (usable < bytes) {
            throw new PromdrException(ErrorCode.RESTORE_TARGET_FULL, "restore target " + target + " has " + size(usable)
                    + " free, the restore needs at least " + size(bytes), HINT);
        }
    }

    /** Whether {@code e} (or a cause) is the operating system saying the file system is full (ENOSPC, EDQUOT). */
    static boolean isNoSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String reason = t instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : t.getMessage();
            if (reason != null && (reason.contains("No space left on device") || reason.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** The RESTORE_TARGET_FULL error for a write that found the file system full. */
    static PromdrException full(Path target, Path staging, long bytes, Throwable cause) {
        long usable;
        try {
            usable = Files.getFileStore(staging).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            usable = -1;
        }
        return new PromdrException(ErrorCode.RESTORE_TARGET_FULL, "no space left on the file system of restore target "
                + target + " (the restore needs at least " + size(bytes) + (usable < 0 ? "" : ", " + size(usable) + " were free")
                + "); nothing was activated", HINT, cause);
    }

    static String size(long bytes) {
        return bytes < 1024 * 1024 ? bytes + " bytes"
                : String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / (1024.0 * 1024.0), bytes);
    }
}
