package io.promdr.core.archive;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lists and hashes the files of a block directory, refusing anything but regular files and directories. */
final class BlockScanner {
    private BlockScanner() {
    }

    static List<FileRecord> scan(Path blockDir, byte[] buffer) throws IOException {
        if (!Files.isDirectory(blockDir)) {
            throw new PromdrException(ErrorCode.DATA_DIR_INVALID, "block directory " + blockDir + " does not exist",
                    "check the snapshot directory; Prometheus may have deleted the block");
        }
        // The block directory itself may be reached through a link; nothing inside it may be one.
        Path root = blockDir.toRealPath();
        List<FileRecord> files = new ArrayList<>();
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
                files.add(hash(file, path, buffer));
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(FileRecord::path));
        return files;
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
