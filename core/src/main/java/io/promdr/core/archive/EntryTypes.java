package io.promdr.core.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** The tar entry types a block archive may hold: directories and regular files, nothing else. */
final class EntryTypes {
    private EntryTypes() {
    }

    /** Why {@code entry}'s type may not be extracted, or null for a directory or regular file. */
    static String problem(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "symbolic link to " + EntryNames.printable(entry.getLinkName());
        }
        if (entry.isLink()) {
            return "hard link to " + EntryNames.printable(entry.getLinkName());
        }
        if (entry.isCharacterDevice()) {
            return "character device";
        }
        if (entry.isBlockDevice()) {
            return "block device";
        }
        if (entry.isFIFO()) {
            return "FIFO";
        }
        if (entry.isSparse()) {
            return "sparse file";
        }
        byte flag = entry.getLinkFlag();
        if (flag == TarConstants.LF_DIR || flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM) {
            return null;
        }
        return "unsupported entry type '" + (char) flag + "'";
    }

    /** A directory entry: type '5', or an old-style regular entry whose name ends with '/'. */
    static boolean isDirectory(TarArchiveEntry entry) {
        return entry.getLinkFlag() == TarConstants.LF_DIR || entry.getName().endsWith("/");
    }
}
