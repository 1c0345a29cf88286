package io.promdr.core.tsdb.verify;

import io.promdr.core.testing.ExternalBinary;
import io.promdr.core.testing.TreeCopy;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * promdr's verifier against {@code promtool tsdb analyze --extended} (which reads every series and every
 * chunk of a block): both accept a sound block and agree on its series count, both reject a damaged
 * chunk or series entry; and the verifier also catches damage promtool 2.42 never reads.
 */
class PromtoolAnalyzeCrossCheckIT {
    private static final Pattern SERIES = Pattern.compile("(?m)^Series: (\\d+)$");

    @TempDir
    static Path generated;
    private static Path pristine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generate() {
        pristine = TsdbTestData.generate(generated.resolve("blocks"), 100, 2, 15).blockDirs().get(0);
    }

    /** A copy of the block alone in its own database directory, as promtool wants it. */
    private Path copy() throws IOException {
        Path block = tmp.resolve("db").resolve(pristine.getFileName().toString());
        Files.createDirectories(block.getParent());
        TreeCopy.copy(pristine, block);
        return block;
    }

    @Test
    void bothAcceptASoundBlockAndCountTheSameSeries() throws IOException {
        Path block = copy();
        Analysis promtool = analyze(block);
        BlockVerification ours = new BlockVerifier().verify(block);

        assertThat(promtool.exitCode()).as(promtool.output()).isZero();
        assertThat(ours.ok()).isTrue();
        Matcher series = SERIES.matcher(promtool.output());
        assertThat(series.find()).as(promtool.output()).isTrue();
        assertThat(ours.series()).isEqualTo(Long.parseLong(series.group(1))).isEqualTo(100);
    }

    @Test
    void bothRejectADamagedChunk() throws IOException {
        Path block = copy();
        BlockSurgery.flip(block, "chunks/000001", 100);

        Analysis promtool = analyze(block);
        BlockVerification ours = new BlockVerifier().verify(block);

        assertThat(promtool.exitCode()).isNotZero();
        assertThat(promtool.output()).contains("checksum mismatch");
        assertThat(ours.problems()).extracting(VerificationProblem::check).containsExactly(BlockVerifier.CHECK_CHUNKS_CRC);
    }

    @Test
    void bothRejectADamagedSeriesEntry() throws IOException {
        Path block = copy();
        BlockSurgery.flip(block, "index", BlockSurgery.seriesEntries(block).get(5).offset() + 2);

        Analysis promtool = analyze(block);
        BlockVerification ours = new BlockVerifier().verify(block);

        assertThat(promtool.exitCode()).isNotZero();
        assertThat(promtool.output()).contains("invalid checksum");
        assertThat(ours.problems()).extracting(VerificationProblem::check)
                .containsExactly(BlockVerifier.CHECK_INDEX_SERIES_CRC);
    }

    @Test
    void onlyOursSeesDamageInSectionsPrometheusNoLongerReads() throws IOException {
        Path block = copy();
        long labelOffsetTable = BlockSurgery.toc(block)[3];
        BlockSurgery.flip(block, "index", labelOffsetTable + 10);

        Analysis promtool = analyze(block);
        BlockVerification ours = new BlockVerifier().verify(block);

        assertThat(promtool.exitCode()).as(promtool.output()).isZero();
        assertThat(ours.problems()).extracting(VerificationProblem::check)
                .containsExactly(BlockVerifier.CHECK_INDEX_SECTION_CRC);
    }

    private record Analysis(int exitCode, String output) {
    }

    private static Analysis analyze(Path block) throws IOException {
        List<String> command = List.of(ExternalBinary.locate("PROMTOOL", "promtool").toString(), "tsdb", "analyze",
                "--extended", block.getParent().toString(), block.getFileName().toString());
        Path log = Files.createTempFile("promtool-analyze-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool tsdb analyze did not finish: " + command);
            }
            return new Analysis(process.exitValue(), Files.readString(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
