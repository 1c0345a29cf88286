package io.promdr.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds real Prometheus TSDB blocks with {@code promtool tsdb create-blocks-from openmetrics},
 * holding values a verifier can recompute exactly.
 *
 * <p>Data: one gauge {@code drill_test_metric{instance="host-NNNNN",job="drill"}} with
 * {@code series} series (s = 1..series), one sample every {@code stepSeconds}; sample k (0-based)
 * of series s has value {@code s * 1_000_000 + k} at {@code first + k * step}. Samples run from
 * {@code end - hours*3600} up to {@code end - step} inclusive. The default end is a 2h boundary at
 * least 3h in the past, so the blocks are also safe to drop into a running Prometheus (backfilling
 * docs); with an even {@code hours} that gives exactly {@code hours / 2} blocks.
 *
 * <p>promtool comes from env {@code PROMTOOL} or the PATH. Measured: 100 series x 6h x 15s
 * (144,000 samples, 3 blocks) takes well under a second.
 */
public final class TsdbTestData {
    public static final String METRIC = "drill_test_metric";
    public static final String JOB = "drill";
    private static final long TWO_HOURS_S = 7200;
    private static final long PROMTOOL_TIMEOUT_S = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TsdbTestData() {
    }

    /**
     * What the generated blocks hold, for assertions.
     *
     * @param blockDirs the block directories created under the output directory, sorted by name (ULID)
     */
    public record Expected(int series, long samplesPerSeries, long samplesTotal, long firstTsMs, long lastTsMs,
                           int stepSeconds, List<Path> blockDirs) {
        public Expected {
            blockDirs = List.copyOf(blockDirs);
        }

        /** The block ULIDs (directory names), sorted. */
        public List<String> ulids() {
            return blockDirs.stream().map(p -> p.getFileName().toString()).toList();
        }

        /** Timestamp in ms of sample k of every series. */
        public long timestampMs(long k) {
            return firstTsMs + k * stepSeconds * 1000L;
        }

        /** Exclusive end of the data in epoch seconds (a 2h boundary by default). */
        public long endEpochSec() {
            return firstTsMs / 1000 + samplesPerSeries * stepSeconds;
        }
    }

    /** Value of sample {@code k} (0-based) of series {@code s} (1-based). */
    public static double valueOf(int s, long k) {
        return s * 1_000_000.0 + k;
    }

    /** The {@code instance} label of series {@code s}: {@code host-00001}. */
    public static String instanceOf(int s) {
        return String.format("host-%05d", s);
    }

    /** A 2h boundary at least 3h before {@code now}, in epoch seconds. */
    public static long defaultEndEpochSec(Instant now) {
        return Math.floorDiv(now.getEpochSecond() - 3 * 3600, TWO_HOURS_S) * TWO_HOURS_S;
    }

    /** Generates blocks ending at {@link #defaultEndEpochSec} of now. */
    public static Expected generate(Path outDir, int series, int hours, int stepSeconds) {
        return generate(outDir, series, hours, stepSeconds, defaultEndEpochSec(Instant.now()), null);
    }

    /** Generates blocks whose data ends (exclusive) at {@code endEpochSec}. */
    public static Expected generate(Path outDir, int series, int hours, int stepSeconds, long endEpochSec) {
        return generate(outDir, series, hours, stepSeconds, endEpochSec, null);
    }

    /**
     * Generates blocks into {@code outDir} (created if missing; must be empty).
     *
     * @param maxBlockDuration passed to promtool as {@code --max-block-duration} (e.g. "24h"), or null for 2h blocks
     * @throws IllegalStateException if promtool is missing or fails, with its output
     */
    public static Expected generate(Path outDir, int series, int hours, int stepSeconds, long endEpochSec,
                                    String maxBlockDuration) {
        if (series < 1 || hours < 1 || stepSeconds < 1) {
            throw new IllegalArgumentException("series, hours and stepSeconds must be >= 1");
        }
        long start = endEpochSec - hours * 3600L;
        long perSeries = (endEpochSec - start + stepSeconds - 1) / stepSeconds;
        Expected expected = new Expected(series, perSeries, series * perSeries, start * 1000,
                (start + (perSeries - 1) * stepSeconds) * 1000, stepSeconds, List.of());
        try {
            prepareEmpty(outDir);
            Path om = Files.createTempFile("tsdb-testdata-", ".om");
            try {
                writeOpenMetrics(om, series, start, endEpochSec, stepSeconds);
                runPromtool(om, outDir, maxBlockDuration);
            } finally {
                Files.deleteIfExists(om);
            }
            List<Path> blocks = listBlockDirs(outDir);
            checkSampleCount(blocks, expected.samplesTotal());
            return new Expected(expected.series(), perSeries, expected.samplesTotal(), expected.firstTsMs(),
                    expected.lastTsMs(), stepSeconds, blocks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void prepareEmpty(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        try (Stream<Path> entries = Files.list(outDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("refusing to generate blocks into non-empty " + outDir);
            }
        }
    }

    /** Series-major order, ascending timestamps in seconds, ending with "# EOF" as OpenMetrics requires. */
    private static void writeOpenMetrics(Path om, int series, long start, long end, int step) throws IOException {
        try (BufferedWriter w = new BufferedWriter(Files.newBufferedWriter(om, StandardCharsets.UTF_8), 1 << 20)) {
            w.write("# HELP " + METRIC + " Synthetic restore-drill data.\n");
            w.write("# TYPE " + METRIC + " gauge\n");
            StringBuilder line = new StringBuilder(96);
            for (int s = 1; s <= series; s++) {
                String prefix = METRIC + "{instance=\"" + instanceOf(s) + "\",job=\"" + JOB + "\"} ";
                long k = 0;
                for (long t = start; t < end; t += step, k++) {
                    line.setLength(0);
                    line.append(prefix).append(s * 1_000_000L + k).append(' ').append(t).append('\n');
                    w.append(line);
                }
            }
            w.write("# EOF\n");
        }
    }

    private static void runPromtool(Path om, Path outDir, String maxBlockDuration) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ExternalBinary.locate("PROMTOOL", "promtool").toString(), "tsdb", "create-blocks-from"));
        if (maxBlockDuration != null) {
            // A flag of create-blocks-from, so it goes before the "openmetrics" sub-command.
            command.add("--max-block-duration=" + maxBlockDuration);
        }
        command.addAll(List.of("openmetrics", om.toString(), outDir.toString()));
        Path log = Files.createTempFile("promtool-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(PROMTOOL_TIMEOUT_S, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool did not finish within " + PROMTOOL_TIMEOUT_S + " s: "
                        + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("promtool failed (exit " + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running promtool", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static List<Path> listBlockDirs(Path outDir) throws IOException {
        try (Stream<Path> entries = Files.list(outDir)) {
            return entries.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().matches("[0-9A-HJKMNP-TV-Z]{26}"))
                    .sorted()
                    .toList();
        }
    }

    /** Guards the harness itself: every generated sample must have landed in a block. */
    private static void checkSampleCount(List<Path> blocks, long samplesTotal) throws IOException {
        long found = 0;
        for (Path block : blocks) {
            JsonNode meta = JSON.readTree(block.resolve("meta.json").toFile());
            found += meta.path("stats").path("numSamples").asLong();
        }
        if (found != samplesTotal) {
            throw new IllegalStateException("promtool wrote " + found + " samples in " + blocks.size()
                    + " blocks, expected " + samplesTotal);
        }
    }
}
