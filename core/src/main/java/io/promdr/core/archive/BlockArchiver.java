package io.promdr.core.archive;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;
import io.promdr.core.tsdb.Ulids;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packs one TSDB block directory into a {@code tar.zst} stream (docs/repository-format.md,
 * "Block archive"): entries {@code <ULID>/meta.json}, {@code <ULID>/index},
 * {@code <ULID>/chunks/NNNNNN}, {@code <ULID>/tombstones}, regular files only, in a fixed order,
 * so that {@code zstd -d | tar x} by hand recreates the block directory.
 *
 * <p>Headers carry nothing machine-specific: mode 0644 (files) / 0755 (directories), uid/gid 0
 * without names, and as mtime the creation time encoded in the block's ULID. Long names and big
 * numbers use POSIX (PAX) headers. The zstd frame carries a content checksum.
 */
public final class BlockArchiver {
    /** Large reads keep syscalls and JNI calls few; one buffer per pack call bounds memory. */
    static final int BUFFER_SIZE = 1 << 20;
    /**
     * Input bytes per zstd worker job. zstd's default at level 3 is 8 MiB, and it keeps several jobs'
     * input and output buffers in native memory. Measured with 2 workers on 1 GiB of chunks of the
     * benchmark's large data set: peak RSS 115 MB at 8 MiB, 77 MB at 4 MiB, 62 MB at 2 MiB, for
     * 0.06 % more output and 4 % less speed (207 against 198 MB/s): the memory is what keeps a
     * backup under 256 MB (docs/performance.md, "Memory"). The job size is part of the encoding, so
     * it is fixed, not derived from the machine.
     */
    static final int ZSTD_JOB_SIZE = 2 << 20;
    private static final int SCAN_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());
    private static final int FILE_MODE = 0100644;
    private static final int DIR_MODE = 040755;
    private static final String CHANGED_HINT = "Prometheus may have compacted or deleted the block during the backup;"
            + " run the backup again";

    private final int zstdLevel;
    private final int zstdWorkers;

    /**
     * Compresses with one zstd worker thread per available processor. Measured on 2 cores
     * (88 MB of promtool chunks, level 3): 195 ms with no worker (all on the calling thread),
     * 120 ms with 1 worker, 123 ms with 2 - the gain is compression overlapping with reading and
     * hashing. With at least one worker the output does not depend on the worker count, so
     * archives do not depend on the machine that packed them.
     */
    public BlockArchiver(int zstdLevel) {
        this(zstdLevel, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param zstdWorkers zstd compression threads; 0 compresses on the calling thread (a
     *                    different, equally valid encoding)
     */
    public BlockArchiver(int zstdLevel, int zstdWorkers) {
        if (zstdWorkers < 0) {
            throw new IllegalArgumentException("zstd workers must be >= 0: " + zstdWorkers);
        }
        this.zstdLevel = zstdLevel;
        this.zstdWorkers = zstdWorkers;
    }

    /**
     * Reads every regular file of the block once and returns path, size and SHA-256 of each,
     * sorted by path; as many files at once as there are processors (at most 4).
     */
    public List<FileRecord> scan(Path blockDir) throws IOException {
        return BlockScanner.scan(blockDir, SCAN_THREADS);
    }

    /**
     * Writes the archive of {@code blockDir} to {@code out} (not closed), streaming with bounded
     * memory. Each file is hashed again while it is packed; if any differs from {@code expected}
     * (the block changed since {@link #scan}), fails with {@link io.promdr.core.error.ErrorCode#CHECKSUM_MISMATCH}.
     * Exactly the files in {@code expected} are packed.
     */
    public void pack(Path blockDir, String ulid, List<FileRecord> expected, OutputStream out) throws IOException {
        pack(file -> openLocal(blockDir, ulid, file), ulid, expected, out);
    }

    /**
     * The same archive as {@link #pack(Path, String, List, OutputStream)}, reading the files from
     * {@code source} in {@link #archiveOrder} (for a block that is not on this machine's file
     * system, e.g. streamed out of a Prometheus container with tar).
     */
    public void pack(BlockFileSource source, String ulid, List<FileRecord> expected, OutputStream out) throws IOException {
        if (!Ulids.isStrict(ulid)) {
            throw new IllegalArgumentException("not a block ULID: " + ulid);
        }
        // Whole seconds: a fraction would add a PAX "mtime" record to every entry.
        FileTime mtime = FileTime.from(Ulids.timestampMillis(ulid) / 1000, TimeUnit.SECONDS);
        byte[] buffer = new byte[BUFFER_SIZE];
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(compressor(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            putDirectory(tar, ulid + "/", mtime);
            for (ArchiveLayout.Item item : ArchiveLayout.items(expected)) {
                if (item.isDirectory()) {
                    putDirectory(tar, ulid + "/" + item.path(), mtime);
                } else {
                    putFile(tar, source, ulid, item.file(), mtime, buffer);
                }
            }
            tar.finish();
        }
    }

    public int zstdLevel() {
        return zstdLevel;
    }

    public int zstdWorkers() {
        return zstdWorkers;
    }

    private OutputStream compressor(OutputStream out) throws IOException {
        ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(new NonClosingOutputStream(out), zstdLevel);
        zstd.setChecksum(true);
        if (zstdWorkers > 0) {
            zstd.setWorkers(zstdWorkers);
            zstd.setJobSize(ZSTD_JOB_SIZE);
        }
        // The tar stream writes 512-byte records, one at a time: unbuffered, that is one JNI call
        // into zstd per record, four million for 2 GB of blocks.
        return new BufferedOutputStream(zstd, BUFFER_SIZE);
    }

    private static void putDirectory(TarArchiveOutputStream tar, String name, FileTime mtime) throws IOException {
        TarArchiveEntry entry = entry(name, DIR_MODE, mtime);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** The regular file {@code expected} of the block directory, if it still has its recorded size. */
    private static InputStream openLocal(Path blockDir, String ulid, FileRecord expected) throws IOException {
        Path file = blockDir.resolve(expected.path());
        long size;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw changed(ulid, expected.path(), "is no longer a regular file");
            }
            size = attributes.size();
        } catch (NoSuchFileException e) {
            throw changed(ulid, expected.path(), "disappeared");
        }
        if (size != expected.size()) {
            throw changed(ulid, expected.path(), "size " + size + ", expected " + expected.size());
        }
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** The file paths of an archive of {@code files}, in the order the archive holds them (and pack reads them). */
    public static List<String> archiveOrder(List<FileRecord> files) {
        return ArchiveLayout.items(files).stream().filter(i -> !i.isDirectory()).map(ArchiveLayout.Item::path).toList();
    }

    private static void putFile(TarArchiveOutputStream tar, BlockFileSource source, String ulid, FileRecord expected,
                                FileTime mtime, byte[] buffer) throws IOException {
        TarArchiveEntry entry = entry(ulid + "/" + expected.path(), FILE_MODE, mtime);
        entry.setSize(expected.size());
        tar.putArchiveEntry(entry);
        try (HashingInputStream in = new HashingInputStream(source.open(expected))) {
            long remaining = expected.size();
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw changed(ulid, expected.path(), "shrank to " + in.count() + " bytes while being read");
                }
                tar.write(buffer, 0, n);
                remaining -= n;
            }
            if (in.read() >= 0) {
                throw changed(ulid, expected.path(), "grew while being read");
            }
            if (!in.hex().equals(expected.sha256())) {
                throw changed(ulid, expected.path(), "SHA-256 " + in.hex() + ", expected " + expected.sha256());
            }
        }
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, int mode, FileTime mtime) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        entry.setIds(0, 0);
        // The constructor fills in the current user's name: leave no trace of the packing machine.
        entry.setNames("", "");
        entry.setLastModifiedTime(mtime);
        return entry;
    }

    /** CHECKSUM_MISMATCH: the block's file differs from what the scan recorded. */
    public static PromdrException changed(String ulid, String path, String detail) {
        return new PromdrException(ErrorCode.CHECKSUM_MISMATCH,
                "block " + ulid + " changed while being backed up: file " + path + " " + detail, CHANGED_HINT);
    }
}
