package io.promdr.core.tsdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a block's {@code meta.json} promdr uses (tsdb-format reference, section 1).
 * Parsing is lenient about unknown fields and strict about {@code version == 1}.
 */
public record BlockMeta(String ulid, long minTime, long maxTime, BlockStats stats, int compactionLevel, int version,
                        List<String> sources) {
    public static final String FILE_NAME = "meta.json";
    /** The only meta.json format version Prometheus 2.x and 3.x read and write. */
    public static final int SUPPORTED_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HINT = "the block is damaged or not a Prometheus TSDB block;"
            + " check the directory, or take a fresh snapshot";

    public BlockMeta {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** A meta.json without {@code compaction.sources}. */
    public BlockMeta(String ulid, long minTime, long maxTime, BlockStats stats, int compactionLevel, int version) {
        this(ulid, minTime, maxTime, stats, compactionLevel, version, List.of());
    }

    /** Reads {@code <blockDir>/meta.json}; a missing, malformed or wrong-version file raises DATA_DIR_INVALID naming the file. */
    public static BlockMeta read(Path blockDir) throws IOException {
        Path file = blockDir.resolve(FILE_NAME);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw invalid(file, "is missing");
        }
        return parse(json, blockDir.toAbsolutePath().normalize().resolve(FILE_NAME));
    }

    /**
     * Parses the content of a block's meta.json; {@code file} is where it was read from (possibly
     * a path inside a container), named in errors, and its parent's name must be the block's ULID.
     */
    public static BlockMeta parse(byte[] json, Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(file, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw invalid(file, "is not a JSON object");
        }
        int version = (int) requiredLong(root, "version", file);
        if (version != SUPPORTED_VERSION) {
            throw invalid(file, "has unsupported version " + version + " (expected " + SUPPORTED_VERSION + ")");
        }
        JsonNode ulidNode = root.get("ulid");
        if (ulidNode == null || !ulidNode.isTextual()) {
            throw invalid(file, "has no \"ulid\" string");
        }
        String ulid = ulidNode.asText();
        String dirName = file.getParent().getFileName().toString();
        if (!ulid.equals(dirName)) {
            throw invalid(file, "names block " + ulid + " but lies in directory " + dirName);
        }
        long minTime = requiredLong(root, "minTime", file);
        long maxTime = requiredLong(root, "maxTime", file);
        if (maxTime < minTime) {
            throw invalid(file, "has maxTime " + maxTime + " before minTime " + minTime);
        }
        JsonNode stats = root.path("stats");
        // The stats fields are omitempty in Go: a missing one means zero.
        BlockStats blockStats = new BlockStats(optionalLong(stats, "numSamples", file),
                optionalLong(stats, "numSeries", file), optionalLong(stats, "numChunks", file),
                optionalLong(stats, "numTombstones", file));
        int level = (int) optionalLong(root.path("compaction"), "level", file);
        return new BlockMeta(ulid, minTime, maxTime, blockStats, level, version, sources(root.path("compaction"), file));
    }

    /** {@code compaction.sources}: the level-1 blocks this block holds the data of (empty when absent). */
    private static List<String> sources(JsonNode compaction, Path file) {
        JsonNode sources = compaction.get("sources");
        if (sources == null || sources.isNull()) {
            return List.of();
        }
        if (!sources.isArray()) {
            throw invalid(file, "has a \"compaction.sources\" that is not an array");
        }
        List<String> ulids = new ArrayList<>();
        for (JsonNode source : sources) {
            if (!source.isTextual() || !Ulids.isStrict(source.asText())) {
                throw invalid(file, "has a compaction source that is not a ULID: " + source);
            }
            ulids.add(source.asText());
        }
        return ulids;
    }

    private static long requiredLong(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw invalid(file, "has no integer \"" + field + "\"");
        }
        return value.asLong();
    }

    private static long optionalLong(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(file, "has a non-integer \"" + field + "\"");
        }
        return value.asLong();
    }

    private static PromdrException invalid(Path file, String problem) {
        return new PromdrException(ErrorCode.DATA_DIR_INVALID, "block metadata " + file + " " + problem, HINT);
    }
}
