package io.promdr.restore.drill;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Gives the throwaway Prometheus its own copy of a restored block: hard links where the file
 * system allows (free, and safe because Prometheus never writes into a block's files, it replaces
 * them), else a copy. The verified originals stay as they were whatever Prometheus does.
 */
final class BlockLinks {
    private BlockLinks() {
    }

    /** Links or copies the tree {@code block} to {@code target} (which must not exist). */
    static void linkOrCopy(Path block, Path target) throws IOException {
        Files.walkFileTree(block, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectory(target.resolve(block.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(block.relativize(file).toString());
                try {
                    Files.createLink(copy, file);
                } catch (UnsupportedOperationException | IOException linkRefused) {
                    Files.copy(file, copy);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
