package io.promdr.core.k8s.exec;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.archive.BlockFileSource;
import io.promdr.core.model.FileRecord;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A block's files as they come out of {@code tar -cf - <files in archive order>}: each
 * {@link #open} takes the next entry, which must be the file asked for, with its recorded size.
 */
final class TarEntryFiles implements BlockFileSource {
    private final TarArchiveInputStream tar;
    private final String ulid;

    TarEntryFiles(TarArchiveInputStream tar, String ulid) {
        this.tar = tar;
        this.ulid = ulid;
    }

    @Override
    public InputStream open(FileRecord file) throws IOException {
        TarArchiveEntry entry = tar.getNextEntry();
        while (entry != null && entry.isDirectory()) {
            entry = tar.getNextEntry();
        }
        if (entry == null) {
            throw BlockArchiver.changed(ulid, file.path(), "disappeared (the tar stream ended before it)");
        }
        String name = TarNames.relative(entry.getName());
        if (!name.equals(file.path())) {
            throw BlockArchiver.changed(ulid, file.path(), "was expected next in the tar stream, but " + name + " came");
        }
        if (entry.isSymbolicLink() || entry.isLink()
                || entry.getLinkFlag() != TarConstants.LF_NORMAL && entry.getLinkFlag() != TarConstants.LF_OLDNORM) {
            throw BlockArchiver.changed(ulid, file.path(), "is no longer a regular file");
        }
        if (entry.getSize() != file.size()) {
            throw BlockArchiver.changed(ulid, file.path(), "size " + entry.getSize() + ", expected " + file.size());
        }
        // The archiver closes each file's stream: keep the tar stream itself open for the next entry.
        return new FilterInputStream(tar) {
            @Override
            public void close() {
            }
        };
    }
}
