package io.promdr.restore.drill;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.tsdb.BlockChunks;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Check 3 ({@value DrillChecks#QUERY}): starts a throwaway Prometheus on links to the blocks that
 * passed checks 1 and 2 and asks it, block by block (overlapping blocks together), how many series
 * and samples it serves over the block's time range; the answers must equal meta.json's stats as
 * the manifest recorded them, minus the stale markers PromQL never returns. Also checks that
 * Prometheus loaded every block. Prometheus is stopped whatever happens; its log goes into the
 * report when the check fails.
 */
final class QueryCheck implements Tasklet {
    private static final Pattern CORRUPTED_BLOCK = Pattern.compile("block[: ]+([0-9A-HJKMNP-TV-Z]{26})");

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        DrillJobContext context = DrillJobContext.of(chunkContext);
        Instant start = Instant.now();
        List<BlockReport> rows = context.blocks();
        List<BlockReport> eligible = rows.stream().filter(r -> r.tsdb() == CheckStatus.PASSED).toList();
        Map<String, BlockReport> updated = new HashMap<>();
        List<BlockFailure> failures = new ArrayList<>();
        if (!eligible.isEmpty()) {
            run(context, eligible, updated, failures);
        }
        Duration took = Duration.between(start, Instant.now());
        context.blocks(rows.stream().map(r -> updated.getOrDefault(r.ulid(), r)).toList());
        Set<String> failedBlocks = updated.values().stream().filter(r -> r.query() == CheckStatus.FAILED)
                .map(BlockReport::ulid).collect(Collectors.toSet());
        int failed = failedBlocks.size();
        int passed = eligible.size() - failed;
        int skipped = rows.size() - eligible.size();
        CheckStatus status = !failures.isEmpty() ? CheckStatus.FAILED
                : eligible.isEmpty() && skipped > 0 ? CheckStatus.SKIPPED : CheckStatus.PASSED;
        String summary = status == CheckStatus.SKIPPED ? "no block passed the earlier checks"
                : failures.isEmpty() ? "Prometheus " + context.prometheusVersion() + " loaded " + passed
                + " blocks and returned exactly their series and samples"
                : "Prometheus did not return what the manifest records for " + failed + " of " + eligible.size() + " blocks";
        context.check(new CheckResult(DrillChecks.QUERY, status, passed, failed, skipped, took.toMillis() / 1000.0, summary,
                failures), took);
        return RepeatStatus.FINISHED;
    }

    private void run(DrillJobContext context, List<BlockReport> eligible, Map<String, BlockReport> updated,
                     List<BlockFailure> failures) throws IOException {
        DrillRequest request = context.request();
        Map<String, BlockRecord> records = context.manifest().storedBlocks().stream()
                .collect(Collectors.toMap(BlockRecord::ulid, Function.identity()));
        Path work = Files.createDirectories(context.requireScratchDir().resolve("prometheus"));
        Path data = Files.createDirectories(work.resolve("data"));
        Map<String, Long> stale = new HashMap<>();
        for (BlockReport row : eligible) {
            Path block = context.blocksDir().resolve(row.ulid());
            BlockLinks.linkOrCopy(block, data.resolve(row.ulid()));
            stale.put(row.ulid(), BlockChunks.staleMarkers(block));
        }
        String logTail = null;
        try (ThrowawayPrometheus prometheus = ThrowawayPrometheus.start(context.prometheusBinary(), work, data,
                request.readyTimeout(), request.queryTimeout())) {
            PrometheusQueries queries = new PrometheusQueries(prometheus.baseUrl(), request.queryTimeout());
            String version = queries.version();
            context.prometheus(version, null);
            List<BlockGroup> groups = BlockGroup.of(eligible);
            checkBlocksLoaded(queries, groups, eligible.size(), failures);
            for (BlockGroup group : groups) {
                new GroupQuery(queries, majorVersion(version), group, records, stale).check(updated, failures);
            }
            if (!failures.isEmpty()) {
                logTail = prometheus.logTail(40);
            }
        } catch (ThrowawayPrometheus.StartFailure e) {
            logTail = e.logTail();
            Set<String> named = blocksNamedIn(logTail, eligible);
            for (BlockReport row : eligible) {
                updated.put(row.ulid(), row.withQuery(CheckStatus.FAILED, stale.get(row.ulid()), null, null));
            }
            if (named.isEmpty()) {
                failures.add(new BlockFailure(DrillChecks.QUERY, null, DrillChecks.PROMETHEUS_START, null, e.getMessage()));
            }
            for (String ulid : named) {
                failures.add(new BlockFailure(DrillChecks.QUERY, ulid, DrillChecks.PROMETHEUS_START, null,
                        e.getMessage() + "; its log names this block"));
            }
        }
        context.prometheus(null, logTail);
    }

    /** Prometheus skips a block whose meta.json it cannot read and says so only in its log: count them. */
    private static void checkBlocksLoaded(PrometheusQueries queries, List<BlockGroup> groups, int expected,
                                          List<BlockFailure> failures) throws IOException {
        // Overlapping blocks may be merged by vertical compaction as soon as they are loaded: then the count says nothing.
        if (groups.stream().anyMatch(BlockGroup::overlapping)) {
            return;
        }
        long loaded = queries.blocksLoaded();
        if (loaded != expected) {
            failures.add(new BlockFailure(DrillChecks.QUERY, null, DrillChecks.PROMETHEUS_BLOCKS_LOADED, null,
                    "Prometheus loaded " + loaded + " of the " + expected + " restored blocks"));
        }
    }

    private static Set<String> blocksNamedIn(String log, List<BlockReport> eligible) {
        Set<String> ulids = eligible.stream().map(BlockReport::ulid).collect(Collectors.toSet());
        Set<String> named = new TreeSet<>();
        Matcher m = CORRUPTED_BLOCK.matcher(log == null ? "" : log);
        while (m.find()) {
            if (ulids.contains(m.group(1))) {
                named.add(m.group(1));
            }
        }
        return named;
    }

    /** 2 for "2.42.0+ds", 3 for "3.1.0"; 2 when the version is not known. */
    static int majorVersion(String version) {
        if (version != null) {
            Matcher m = Pattern.compile("^v?(\\d+)\\.").matcher(version);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 2;
    }
}
