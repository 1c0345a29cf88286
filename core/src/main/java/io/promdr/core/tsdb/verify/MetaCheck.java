package io.promdr.core.tsdb.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockStats;
import io.promdr.core.tsdb.BlockMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_META;
import static io.promdr.core.tsdb.verify.BlockVerifier.CHECK_READ;

/**
 * meta.json as Prometheus reads it ({@link BlockMeta}: JSON, version 1, ulid = directory name), plus
 * what Prometheus writes but does not check: a non-empty time range, non-negative stats, and the
 * compaction fields (level, sources, parents inside the block's range).
 */
final class MetaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetaCheck() {
    }

    /** The parsed meta.json, or null (with a problem) when it cannot be read. */
    static BlockMeta check(VerificationRun run) {
        run.problems.ran(CHECK_META);
        Path file = run.blockDir.resolve(BlockMeta.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        BlockMeta meta;
        JsonNode root;
        try {
            meta = BlockMeta.read(run.blockDir);
            root = JSON.readTree(file.toFile());
        } catch (PromdrException e) {
            run.problem(CHECK_META, BlockMeta.FILE_NAME, e.getMessage());
            return null;
        } catch (IOException e) {
            run.problem(CHECK_READ, BlockMeta.FILE_NAME, "cannot read: " + e);
            return null;
        }
        checkSemantics(run, meta, root);
        return meta;
    }

    private static void checkSemantics(VerificationRun run, BlockMeta meta, JsonNode root) {
        if (meta.maxTime() <= meta.minTime()) {
            problem(run, "the time range [" + meta.minTime() + ", " + meta.maxTime() + ") is empty");
        }
        BlockStats stats = meta.stats();
        if (stats.numSamples() < 0 || stats.numSeries() < 0 || stats.numChunks() < 0 || stats.numTombstones() < 0) {
            problem(run, "stats hold a negative or overflowing value: " + stats);
        }
        if (stats.numSamples() > 0 && (stats.numSeries() == 0 || stats.numChunks() < stats.numSeries())) {
            problem(run, "stats are inconsistent: " + stats.numSamples() + " samples in " + stats.numChunks()
                    + " chunks of " + stats.numSeries() + " series (every series has at least one chunk)");
        }
        if (meta.compactionLevel() < 1) {
            problem(run, "compaction.level is " + meta.compactionLevel() + " (blocks start at level 1)");
        }
        JsonNode sources = root.path("compaction").path("sources");
        if (!sources.isArray() || sources.isEmpty()) {
            problem(run, "compaction.sources is missing or empty (a block lists at least itself or its inputs)");
        } else if (meta.compactionLevel() == 1 && !containsText(sources, meta.ulid())) {
            problem(run, "compaction.sources of a level-1 block does not list the block itself");
        }
        for (JsonNode parent : root.path("compaction").path("parents")) {
            long min = parent.path("minTime").asLong();
            long max = parent.path("maxTime").asLong();
            if (min < meta.minTime() || max > meta.maxTime()) {
                problem(run, "compaction parent " + parent.path("ulid").asText() + " [" + min + ", " + max
                        + ") lies outside the block's range [" + meta.minTime() + ", " + meta.maxTime() + ")");
            }
        }
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (text.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }

    private static void problem(VerificationRun run, String detail) {
        run.problem(CHECK_META, BlockMeta.FILE_NAME, detail);
    }
}
