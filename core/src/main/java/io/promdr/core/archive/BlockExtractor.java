package io.promdr.core.archive;

import io.promdr.core.fs.BackgroundSync;
import io.promdr.core.fs.Durability;
import io.promdr.core.fs.FileTrees;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;
import io.promdr.core.tsdb.Ulids;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;

/**
 * Unpacks a block archive into a staging directory, refusing anything that could write outside
 * it: absolute paths, "..", links, devices, FIFOs, entries outside {@code <expectedUlid>/}, names
 * too long, sizes that lie. Failures raise {@link io.promdr.core.error.ErrorCode#ARCHIVE_UNSAFE}.
 *
 * <p>Every name is checked and resolved before anything is created from it; files are created
 * new (never opened through an existing path) and no link is ever created, so nothing can lead
 * outside {@code <stagingDir>/<expectedUlid>/}. On any failure that directory is removed again.
 * A corrupt or truncated stream (bad zstd frame or checksum, broken tar header) is also
 * ARCHIVE_UNSAFE; an I/O error of the source stream itself is rethrown as is. The rules are
 * {@link ArchiveWalker}'s, shared with {@link BlockArchiveContents}, which checks an archive
 * without writing anything.
 */
public final class BlockExtractor {
    private final int maxEntries;

    public BlockExtractor() {
        this(ArchiveWalker.MAX_ENTRIES);
    }

    /** With a lower entry limit, for tests. */
    BlockExtractor(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * Extracts {@code tarZst} (not closed) into {@code stagingDir}, creating
     * {@code stagingDir/<expectedUlid>/...}, and returns path (relative to the block), size and
     * SHA-256 of every file written, sorted by path. Does not compare them with the manifest:
     * the caller does, before anything leaves the staging directory.
     *
     * @throws FileAlreadyExistsException if {@code stagingDir/<expectedUlid>} already exists
     */
    public List<FileRecord> extract(InputStream tarZst, Path stagingDir, String expectedUlid) throws IOException {
        return extract(tarZst, stagingDir, expectedUlid, Long.MAX_VALUE);
    }

    /**
     * As {@link #extract(InputStream, Path, String)}, writing at most {@code maxFileBytes} bytes of
     * files: an entry whose declared size goes past that is ARCHIVE_UNSAFE before any of it is
     * written. A restore passes the block's size from the manifest, so that a small object that
     * decompresses to far more (a zstd bomb) cannot fill the target's filesystem before the
     * checksums are compared.
     */
    public List<FileRecord> extract(InputStream tarZst, Path stagingDir, String expectedUlid, long maxFileBytes)
            throws IOException {
        if (!Ulids.isStrict(expectedUlid)) {
            throw new IllegalArgumentException("not a block ULID: " + expectedUlid);
        }
        Path blockDir = stagingDir.toRealPath().resolve(expectedUlid);
        if (Files.exists(blockDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(blockDir.toString(), null, "staging directory already holds this block");
        }
        boolean complete = false;
        try {
            Files.createDirectory(blockDir);
            List<FileRecord> files = extractInto(tarZst, blockDir, expectedUlid, maxFileBytes);
            complete = true;
            return files;
        } finally {
            if (!complete) {
                FileTrees.deleteQuietly(blockDir);
            }
        }
    }

    private List<FileRecord> extractInto(InputStream tarZst, Path blockDir, String ulid, long maxFileBytes)
            throws IOException {
        ArchiveWalker walker = new ArchiveWalker(ulid, maxEntries, maxFileBytes, "the manifest records");
        List<FileRecord> files;
        // Durable before the block is renamed into the target: a crash right after a restore must not
        // leave a block directory with empty or short files. Each file is flushed on a background
        // thread while the next one is decompressed; all of them before this method returns.
        try (BackgroundSync sync = new BackgroundSync()) {
            files = walker.walk(tarZst, new ArchiveWalker.Sink() {
                @Override
                public void directory(String path, String entryName) throws IOException {
                    createDirectories(blockDir, resolve(blockDir, path, ulid, entryName), ulid, entryName);
                }

                @Override
                public void file(String path, String entryName, ArchiveWalker.FileData data) throws IOException {
                    Path target = resolve(blockDir, path, ulid, entryName);
                    createDirectories(blockDir, target.getParent(), ulid, entryName);
                    FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                    boolean handedOver = false;
                    try {
                        data.writeTo(Channels.newOutputStream(channel));
                        sync.syncAndClose(channel);
                        handedOver = true;
                    } finally {
                        if (!handedOver) {
                            channel.close();
                        }
                    }
                }
            });
            sync.await();
        }
        syncDirectories(blockDir);
        return files;
    }

    /** {@code path} below {@code blockDir}; names were checked already, this guards against the check being wrong. */
    private static Path resolve(Path blockDir, String path, String ulid, String entryName) {
        Path target = blockDir.resolve(path).normalize();
        if (!target.startsWith(blockDir) || target.equals(blockDir)) {
            throw unsafe(ulid, entryName, "resolves outside the staging directory");
        }
        return target;
    }

    /** Makes the new directory entries durable, deepest first, before the block can be renamed into a target. */
    private static void syncDirectories(Path blockDir) throws IOException {
        try (var dirs = Files.walk(blockDir)) {
            for (Path dir : dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.reverseOrder()).toList()) {
                Durability.syncDirectory(dir);
            }
        }
    }

    /** Creates {@code dir} and its missing parents below {@code blockDir}, each a real directory, never a link. */
    private static void createDirectories(Path blockDir, Path dir, String ulid, String name) throws IOException {
        Path current = blockDir;
        for (Path segment : blockDir.relativize(dir)) {
            current = current.resolve(segment);
            if (Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                throw unsafe(ulid, name, "a directory where the archive already put a file");
            }
            Files.createDirectory(current);
        }
    }

    private static PromdrException unsafe(String ulid, String name, String reason) {
        return ArchiveWalker.unsafe(ulid, name, reason);
    }
}
