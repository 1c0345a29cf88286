package io.promdr.core.archive;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lists and hashes the files of a block directory, refusing anything but regular files and
 * directories. Files are hashed by up to {@code threads} threads at once, largest first: a
 * compacted block is a few chunk segments of up to 512 MiB, and hashing them one after the other
 * left the second core idle while the backup waited for the content hash (the object's key).
 */
final class BlockScanner {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private BlockScanner() {
    }

    static List<FileRecord> scan(Path blockDir, int threads) throws IOException {
        if (!Files.isDirectory(blockDir)) {
            throw new PromdrException(ErrorCode.DATA_DIR_INVALID, "block directory " + blockDir + " does not exist",
                    "check the snapshot directory; Prometheus may have deleted the block");
        }
        // The block directory itself may be reached through a link; nothing inside it may be one.
        Path root = blockDir.toRealPath();
        Map<String, Path> found = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String path = relativePath(root, file);
                if (!attributes.isRegularFile()) {
                    throw unsupported(blockDir, path, attributes.isSymbolicLink() ? "a symbolic link" : "a special file");
                }
                if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    // A newline in a name would make the file table (and the content hash) ambiguous.
                    throw unsupported(blockDir, path.replaceAll("\\p{Cntrl}", "?"), "named with control characters");
                }
                found.put(path, file);
                return FileVisitResult.CONTINUE;
            }
        });
        List<FileRecord> files = hashAll(found, threads);
        files.sort(Comparator.comparing(FileRecord::path));
        return files;
    }

    private static List<FileRecord> hashAll(Map<String, Path> found, int threads) throws IOException {
        if (threads <= 1 || found.size() <= 1) {
            byte[] buffer = new byte[BlockArchiver.BUFFER_SIZE];
            List<FileRecord> files = new ArrayList<>();
            for (Map.Entry<String, Path> entry : found.entrySet()) {
                files.add(hash(entry.getValue(), entry.getKey(), buffer));
            }
            return files;
        }
        List<Map.Entry<String, Path>> largestFirst = new ArrayList<>(found.entrySet());
        largestFirst.sort(Comparator.comparingLong((Map.Entry<String, Path> e) -> sizeOf(e.getValue())).reversed());
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(threads, found.size()), runnable -> {
            Thread thread = new Thread(runnable, "promdr-scan-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BlockArchiver.BUFFER_SIZE]);
        try {
            List<Future<FileRecord>> hashed = new ArrayList<>();
            for (Map.Entry<String, Path> entry : largestFirst) {
                hashed.add(executor.submit(() -> hash(entry.getValue(), entry.getKey(), buffers.get())));
            }
            List<FileRecord> files = new ArrayList<>();
            for (Future<FileRecord> future : hashed) {
                files.add(await(future));
            }
            return files;
        } finally {
            executor.shutdownNow();
        }
    }

    private static FileRecord await(Future<FileRecord> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing block files");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // hashing it will report the problem
        }
    }

    private static FileRecord hash(Path file, String path, byte[] buffer) throws IOException {
        try (HashingInputStream in = new HashingInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS))) {
            while (in.read(buffer, 0, buffer.length) >= 0) {
                // reading is hashing
            }
            return new FileRecord(path, in.count(), in.hex());
        }
    }

    private static String relativePath(Path root, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path segment : root.relativize(file)) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(segment);
        }
        return path.toString();
    }

    private static PromdrException unsupported(Path blockDir, String path, String what) {
        return new PromdrException(ErrorCode.DATA_DIR_INVALID,
                "block " + blockDir.getFileName() + " holds " + path + ", which is " + what,
                "a TSDB block holds only regular files and directories; remove the link or take a fresh snapshot");
    }
}
