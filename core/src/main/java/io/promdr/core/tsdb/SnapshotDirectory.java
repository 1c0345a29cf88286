package io.promdr.core.tsdb;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A directory made only of TSDB blocks: a Prometheus snapshot, or a restored data directory. */
public final class SnapshotDirectory {
    private static final List<String> REQUIRED_FILES = List.of(BlockMeta.FILE_NAME, "index", "tombstones");
    private static final String CHUNKS_DIR = "chunks";

    private SnapshotDirectory() {
    }

    /** True if {@code name} is a block directory name Prometheus would load. */
    public static boolean isBlockName(String name) {
        return Ulids.isStrict(name);
    }

    /**
     * The block directories (strict-ULID names) under {@code dir}, sorted by name. Each must hold
     * meta.json, index, tombstones and chunks/; otherwise DATA_DIR_INVALID names the block and file.
     * Other entries (wal/, chunks_head/, lock, *.tmp-for-*) are ignored.
     */
    public static List<Path> listBlocks(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new PromdrException(ErrorCode.DATA_DIR_INVALID,
                    "TSDB directory " + dir + (Files.exists(dir) ? " is not a directory" : " does not exist"),
                    "check the data or snapshot directory path");
        }
        List<Path> blocks;
        try (Stream<Path> entries = Files.list(dir)) {
            blocks = entries.filter(p -> isBlockName(p.getFileName().toString()))
                    .filter(Files::isDirectory)
                    .sorted()
                    .toList();
        }
        for (Path block : blocks) {
            checkComplete(block);
        }
        return blocks;
    }

    private static void checkComplete(Path block) {
        for (String name : REQUIRED_FILES) {
            if (!Files.isRegularFile(block.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                throw incomplete(block, name);
            }
        }
        if (!Files.isDirectory(block.resolve(CHUNKS_DIR), LinkOption.NOFOLLOW_LINKS)) {
            throw incomplete(block, CHUNKS_DIR + "/");
        }
    }

    private static PromdrException incomplete(Path block, String name) {
        return new PromdrException(ErrorCode.DATA_DIR_INVALID,
                "block " + block.getFileName() + " in " + block.getParent() + " has no " + name,
                "a complete block holds meta.json, index, tombstones and chunks/; the block may be half-written"
                        + " or damaged: take a fresh snapshot");
    }
}
