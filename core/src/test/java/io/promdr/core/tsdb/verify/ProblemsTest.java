package io.promdr.core.tsdb.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {
    @Test
    void listsTheFirstProblemsOfACheckThenOneSummary() {
        Problems problems = new Problems();
        problems.ran("index.header");
        for (int i = 0; i < 25; i++) {
            problems.add("chunks.crc", "chunks/000001", "chunk " + i);
        }
        problems.add("tombstones", "tombstones", "bad");

        assertThat(problems.count("chunks.crc")).isEqualTo(25);
        assertThat(problems.total()).isEqualTo(26);
        assertThat(problems.checksRun()).containsExactly("index.header", "chunks.crc", "tombstones");
        assertThat(problems.all()).hasSize(Problems.MAX_LISTED_PER_CHECK + 2);
        assertThat(problems.all().get(0).detail()).isEqualTo("chunk 0");
        assertThat(problems.all().get(Problems.MAX_LISTED_PER_CHECK).check()).isEqualTo("tombstones");
        VerificationProblem summary = problems.all().get(Problems.MAX_LISTED_PER_CHECK + 1);
        assertThat(summary).isEqualTo(new VerificationProblem("chunks.crc", "chunks/000001",
                "5 more chunks.crc problems not listed (25 in all)"));
    }
}
