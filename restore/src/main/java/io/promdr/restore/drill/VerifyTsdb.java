package io.promdr.restore.drill;

import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.BlockStats;
import io.promdr.core.tsdb.BlockMeta;
import io.promdr.core.tsdb.verify.BlockVerification;
import io.promdr.core.tsdb.verify.BlockVerifier;
import io.promdr.core.tsdb.verify.VerificationProblem;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Check 2 ({@value DrillChecks#TSDB}), on every block that passed check 1: meta.json must say what
 * the manifest recorded (ULID, time range, stats), and promdr's own TSDB verifier reads the whole
 * block (index sections and their CRCs, every series entry, chunk segments and every chunk's CRC,
 * tombstones, chunk references). Its problems go into the report under the verifier's check names.
 */
final class VerifyTsdb implements Tasklet {
    private final BlockVerifier verifier = new BlockVerifier();

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        DrillJobContext context = DrillJobContext.of(chunkContext);
        Map<String, BlockRecord> records = context.manifest().storedBlocks().stream()
                .collect(Collectors.toMap(BlockRecord::ulid, Function.identity()));
        Instant start = Instant.now();
        List<BlockFailure> failures = new ArrayList<>();
        List<BlockReport> rows = new ArrayList<>();
        int passed = 0;
        int skipped = 0;
        for (BlockReport row : context.blocks()) {
            if (row.integrity() != CheckStatus.PASSED) {
                rows.add(row);
                skipped++;
                continue;
            }
            Path dir = context.blocksDir().resolve(row.ulid());
            List<BlockFailure> found = new ArrayList<>(metaAgainstManifest(dir, records.get(row.ulid())));
            BlockVerification verification = verify(dir, row.ulid(), found);
            failures.addAll(found);
            if (found.isEmpty()) {
                passed++;
            }
            rows.add(verification == null ? row.withTsdb(CheckStatus.FAILED, null, null, null)
                    : row.withTsdb(found.isEmpty() ? CheckStatus.PASSED : CheckStatus.FAILED, verification.series(),
                    verification.chunks(), verification.samples()));
            contribution.incrementWriteCount(1);
        }
        Duration took = Duration.between(start, Instant.now());
        context.blocks(rows);
        int failed = rows.size() - passed - skipped;
        CheckStatus status = failed > 0 ? CheckStatus.FAILED : passed == 0 && skipped > 0 ? CheckStatus.SKIPPED : CheckStatus.PASSED;
        String summary = failed > 0 ? failed + " of " + (passed + failed) + " blocks have a damaged TSDB structure"
                : passed + " blocks: meta.json as in the manifest; index, series, chunks and tombstones sound";
        context.check(new CheckResult(DrillChecks.TSDB, status, passed, failed, skipped, took.toMillis() / 1000.0, summary,
                failures), took);
        return RepeatStatus.FINISHED;
    }

    private BlockVerification verify(Path dir, String ulid, List<BlockFailure> found) {
        try {
            BlockVerification verification = verifier.verify(dir);
            for (VerificationProblem problem : verification.problems()) {
                found.add(new BlockFailure(DrillChecks.TSDB, ulid, problem.check(), problem.file(), problem.detail()));
            }
            return verification;
        } catch (IOException | RuntimeException e) {
            found.add(new BlockFailure(DrillChecks.TSDB, ulid, DrillChecks.TSDB_UNREADABLE, null,
                    "the block directory cannot be read: " + e));
            return null;
        }
    }

    /** meta.json against the manifest's record: the manifest was written from it, so any difference is damage. */
    private static List<BlockFailure> metaAgainstManifest(Path dir, BlockRecord record) {
        BlockMeta meta;
        try {
            meta = BlockMeta.read(dir);
        } catch (PromdrException | IOException e) {
            return List.of(metaFailure(record.ulid(), e.getMessage()));
        }
        BlockStats expected = record.stats() == null ? new BlockStats(0, 0, 0, 0) : record.stats();
        List<String> differences = new ArrayList<>();
        compare(differences, "minTime", meta.minTime(), record.minTime());
        compare(differences, "maxTime", meta.maxTime(), record.maxTime());
        compare(differences, "numSeries", meta.stats().numSeries(), expected.numSeries());
        compare(differences, "numSamples", meta.stats().numSamples(), expected.numSamples());
        compare(differences, "numChunks", meta.stats().numChunks(), expected.numChunks());
        compare(differences, "numTombstones", meta.stats().numTombstones(), expected.numTombstones());
        return differences.isEmpty() ? List.of()
                : List.of(metaFailure(record.ulid(), "meta.json differs from the manifest: " + String.join(", ", differences)));
    }

    private static void compare(List<String> differences, String field, long actual, long expected) {
        if (actual != expected) {
            differences.add(field + " " + actual + " (manifest " + expected + ")");
        }
    }

    private static BlockFailure metaFailure(String ulid, String detail) {
        return new BlockFailure(DrillChecks.TSDB, ulid, DrillChecks.META_MANIFEST, "meta.json", detail);
    }
}
