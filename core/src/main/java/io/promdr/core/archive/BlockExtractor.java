package io.promdr.core.archive;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.fs.Durability;
import io.promdr.core.fs.FileTrees;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;
import io.promdr.core.tsdb.Ulids;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Unpacks a block archive into a staging directory, refusing anything that could write outside
 * it: absolute paths, "..", links, devices, FIFOs, entries outside {@code <expectedUlid>/}, names
 * too long, sizes that lie. Failures raise {@link io.promdr.core.error.ErrorCode#ARCHIVE_UNSAFE}.
 *
 * <p>Every name is checked and resolved before anything is created from it; files are created
 * new (never opened through an existing path) and no link is ever created, so nothing can lead
 * outside {@code <stagingDir>/<expectedUlid>/}. On any failure that directory is removed again.
 * A corrupt or truncated stream (bad zstd frame or checksum, broken tar header) is also
 * ARCHIVE_UNSAFE; an I/O error of the source stream itself is rethrown as is.
 */
public final class BlockExtractor {
    /** A block has 4 files plus one per 512 MiB chunk segment: anything near this is not a block. */
    static final int MAX_ENTRIES = 100_000;
    /** Tar pads its end to a 10 KiB block; more data after the end-of-archive marker is suspect. */
    private static final long MAX_TRAILING_BYTES = 1 << 20;
    private static final String HINT = "the stored object is damaged or was not written by promdr;"
            + " run `promdr verify` and restore from another backup";

    private final int maxEntries;

    public BlockExtractor() {
        this(MAX_ENTRIES);
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
        SourceInputStream source = new SourceInputStream(tarZst);
        boolean complete = false;
        try {
            Files.createDirectory(blockDir);
            List<FileRecord> files = extractInto(source, blockDir, expectedUlid, maxFileBytes);
            complete = true;
            return files;
        } finally {
            if (!complete) {
                FileTrees.deleteQuietly(blockDir);
            }
        }
    }

    private List<FileRecord> extractInto(SourceInputStream source, Path blockDir, String ulid, long maxFileBytes)
            throws IOException {
        List<FileRecord> files = new ArrayList<>();
        long budget = maxFileBytes;
        Set<String> seen = new HashSet<>();
        byte[] buffer = new byte[BlockArchiver.BUFFER_SIZE];
        try (ZstdInputStreamNoFinalizer zstd = new ZstdInputStreamNoFinalizer(source);
             TarArchiveInputStream tar = new TarArchiveInputStream(zstd)) {
            ArchiveReader reader = new ArchiveReader(source, ulid);
            TarArchiveEntry entry;
            while ((entry = reader.next(tar)) != null) {
                if (seen.size() >= maxEntries) {
                    throw unsafe(ulid, entry.getName(), "more than " + maxEntries + " entries");
                }
                String name = entry.getName();
                String problem = EntryNames.problem(name, ulid);
                problem = problem != null ? problem : EntryTypes.problem(entry);
                if (problem != null) {
                    throw unsafe(ulid, name, problem);
                }
                String key = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                if (!seen.add(key)) {
                    throw unsafe(ulid, name, "duplicate entry");
                }
                Path target = blockDir.getParent().resolve(key).normalize();
                if (!target.startsWith(blockDir)) {
                    throw unsafe(ulid, name, "resolves outside the staging directory");
                }
                if (EntryTypes.isDirectory(entry)) {
                    createDirectories(blockDir, target, ulid, name);
                } else if (target.equals(blockDir)) {
                    throw unsafe(ulid, name, "the block directory as a file");
                } else {
                    // The tar stream never yields more than the declared size, so this bounds what is written.
                    if (entry.getSize() > budget) {
                        throw unsafe(ulid, name, "its files add up to more than the " + maxFileBytes
                                + " bytes the manifest records");
                    }
                    budget -= entry.getSize();
                    createDirectories(blockDir, target.getParent(), ulid, name);
                    files.add(writeFile(reader, tar, entry, blockDir, target, buffer));
                }
            }
            reader.drain(zstd, buffer, MAX_TRAILING_BYTES);
        }
        syncDirectories(blockDir);
        files.sort(Comparator.comparing(FileRecord::path));
        return files;
    }

    private FileRecord writeFile(ArchiveReader reader, TarArchiveInputStream tar, TarArchiveEntry entry,
                                 Path blockDir, Path target, byte[] buffer) throws IOException {
        HashingOutputStream out;
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            out = new HashingOutputStream(Channels.newOutputStream(channel));
            int n;
            while ((n = reader.read(tar, entry, buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            // Durable before the block is renamed into the target: a crash right after a restore
            // must not leave a block directory with empty or short files.
            channel.force(true);
        }
        if (out.count() != entry.getSize()) {
            throw unsafe(reader.ulid(), entry.getName(),
                    "declared size " + entry.getSize() + " but " + out.count() + " bytes in the archive");
        }
        return new FileRecord(blockDir.relativize(target).toString().replace('\\', '/'), out.count(), out.hex());
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

    static PromdrException unsafe(String ulid, String name, String reason) {
        return unsafe(ulid, name, reason, null);
    }

    static PromdrException unsafe(String ulid, String name, String reason, Throwable cause) {
        return new PromdrException(ErrorCode.ARCHIVE_UNSAFE,
                "archive of block " + ulid + " has an unsafe entry: " + EntryNames.printable(name) + " (" + reason + ")",
                HINT, cause);
    }
}
