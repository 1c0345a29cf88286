package io.promdr.core.tsdb.verify;

import io.promdr.core.tsdb.BlockMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_BLOCK_FILES;

/**
 * The files of a block: meta.json, index, tombstones and the chunk segments. Prometheus addresses a
 * segment by its position in the sorted list of numerically named files of {@code chunks/}, so a
 * missing segment in the middle silently shifts every later chunk reference: the names must run
 * 000001, 000002, ... without a gap.
 *
 * @param segments the numerically named files of chunks/, in the order Prometheus indexes them
 */
record BlockFiles(boolean hasIndex, boolean hasTombstones, List<Path> segments) {
    static final String INDEX = "index";
    static final String TOMBSTONES = "tombstones";
    static final String CHUNKS = "chunks";

    static BlockFiles check(VerificationRun run) throws IOException {
        run.problems.ran(CHECK_BLOCK_FILES);
        boolean hasIndex = requireFile(run, INDEX);
        boolean hasTombstones = requireFile(run, TOMBSTONES);
        requireFile(run, BlockMeta.FILE_NAME);
        Path chunks = run.blockDir.resolve(CHUNKS);
        if (!Files.isDirectory(chunks, LinkOption.NOFOLLOW_LINKS)) {
            run.problem(CHECK_BLOCK_FILES, CHUNKS, "the block has no chunks/ directory");
            return new BlockFiles(hasIndex, hasTombstones, List.of());
        }
        List<Path> segments = segments(chunks);
        for (int i = 0; i < segments.size(); i++) {
            String expected = segmentName(i);
            String actual = segments.get(i).getFileName().toString();
            if (!actual.equals(expected)) {
                run.problem(CHECK_BLOCK_FILES, CHUNKS + "/" + actual, "segment " + (i + 1) + " of " + segments.size()
                        + " is named " + actual + " instead of " + expected + ": a segment is missing or misnamed,"
                        + " so chunk references to it and to later segments point at the wrong file");
                break;
            }
        }
        return new BlockFiles(hasIndex, hasTombstones, segments);
    }

    /** {@code 000001} for index 0. */
    static String segmentName(int index) {
        return String.format("%06d", index + 1);
    }

    private static boolean requireFile(VerificationRun run, String name) {
        if (Files.isRegularFile(run.blockDir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        run.problem(CHECK_BLOCK_FILES, name, "the block has no regular file " + name);
        return false;
    }

    private static List<Path> segments(Path chunks) throws IOException {
        List<Path> segments = new ArrayList<>();
        try (Stream<Path> entries = Files.list(chunks)) {
            entries.filter(p -> p.getFileName().toString().matches("[0-9]{1,18}"))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(segments::add);
        }
        segments.sort(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())));
        return segments;
    }
}
