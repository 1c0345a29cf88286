package io.promdr.restore.drill;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of the query check: the PromQL it sends, the windows, the grouping of overlapping blocks. */
class QueryCheckPartsTest {

    @Test
    void theWindowSelectsExactlyTheHalfOpenBlockRangeOnPrometheus2And3() {
        // Prometheus 2: [at - range, at] closed; Prometheus 3: (at - range, at].
        SampleCountQuery.Window v2 = SampleCountQuery.window(1_000, 8_200_000, 2);
        assertThat(v2.atMs()).isEqualTo(8_199_999);
        assertThat(v2.atMs() - v2.rangeMs()).isEqualTo(1_000);
        SampleCountQuery.Window v3 = SampleCountQuery.window(1_000, 8_200_000, 3);
        assertThat(v3.atMs()).isEqualTo(8_199_999);
        assertThat(v3.atMs() - v3.rangeMs()).isEqualTo(999);
    }

    @Test
    void metricsAreCountedOneByOneUnderALabelOfTheirOwnInQueriesOfBoundedLength() {
        assertThat(SampleCountQuery.queries(List.of("up", "scrape_duration_seconds"), 7_199_999)).containsExactly(
                "sum(label_replace(count_over_time({__name__=\"up\"}[7199999ms]), \"promdr_metric\", \"0\", \"\", \"\")"
                        + " or label_replace(count_over_time({__name__=\"scrape_duration_seconds\"}[7199999ms]),"
                        + " \"promdr_metric\", \"1\", \"\", \"\"))");

        List<String> names = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            names.add("a_rather_long_metric_name_of_a_real_exporter_number_" + i);
        }
        List<String> queries = SampleCountQuery.queries(names, 60_000);
        assertThat(queries).hasSizeGreaterThan(1).allSatisfy(q -> assertThat(q.length()).isLessThanOrEqualTo(
                SampleCountQuery.MAX_QUERY_CHARS + "sum()".length()));
        assertThat(String.join("", queries)).contains("number_0\"}", "number_499\"}");
        assertThat(SampleCountQuery.queries(List.of(), 60_000)).isEmpty();
    }

    @Test
    void overlappingBlocksAreQueriedTogetherAndAdjacentOnesApart() {
        List<BlockGroup> groups = BlockGroup.of(List.of(row("C", 200, 300), row("A", 0, 100), row("B", 100, 200),
                row("D", 250, 400), row("E", 390, 500)));

        assertThat(groups).extracting(BlockGroup::ulids)
                .containsExactly(List.of("A"), List.of("B"), List.of("C", "D", "E"));
        assertThat(groups.get(2).minTime()).isEqualTo(200);
        assertThat(groups.get(2).maxTime()).isEqualTo(500);
        assertThat(groups.get(2).overlapping()).isTrue();
        assertThat(groups.get(0).overlapping()).isFalse();
    }

    @Test
    void theMajorVersionComesFromTheBuildInfo() {
        assertThat(QueryCheck.majorVersion("2.42.0+ds")).isEqualTo(2);
        assertThat(QueryCheck.majorVersion("3.5.0")).isEqualTo(3);
        assertThat(QueryCheck.majorVersion(null)).isEqualTo(2);
        assertThat(QueryCheck.majorVersion("unknown")).isEqualTo(2);
    }

    @Test
    void timesAreSentAsSecondsWithMilliseconds() {
        assertThat(PrometheusQueries.seconds(1_795_514_385_001L)).isEqualTo("1795514385.001");
        assertThat(PrometheusQueries.seconds(7_000)).isEqualTo("7.000");
    }

    private static BlockReport row(String ulid, long min, long max) {
        return new BlockReport(ulid, min, max, 0, 0, 1, 1, CheckStatus.PASSED, CheckStatus.PASSED, CheckStatus.SKIPPED,
                null, null, null, null, null, null);
    }
}
