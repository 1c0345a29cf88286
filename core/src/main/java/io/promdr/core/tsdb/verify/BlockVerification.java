package io.promdr.core.tsdb.verify;

import io.promdr.core.tsdb.BlockMeta;

import java.util.List;

/**
 * What one block holds and what is wrong with it.
 *
 * @param ulid      the block directory name
 * @param series    series entries the verifier read from the index (0 when unreadable)
 * @param chunks    chunk references the verifier read from the index (0 when unreadable)
 * @param samples   samples counted from the chunk headers (0 when unreadable)
 * @param checksRun the names of the checks that ran (at least in part), in order
 * @param problems  every failed check; empty when the block is sound
 * @param meta      the parsed meta.json (for comparison with a manifest), or null when it is missing or
 *                  unreadable (then a {@code meta.json} problem says why)
 */
public record BlockVerification(String ulid, long series, long chunks, long samples, List<String> checksRun,
                                List<VerificationProblem> problems, BlockMeta meta) {
    public BlockVerification {
        checksRun = List.copyOf(checksRun);
        problems = List.copyOf(problems);
    }

    /** A result without parsed meta.json. */
    public BlockVerification(String ulid, long series, long chunks, long samples, List<String> checksRun,
                             List<VerificationProblem> problems) {
        this(ulid, series, chunks, samples, checksRun, problems, null);
    }

    /** True when no check failed. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The problems of one check (a {@code BlockVerifier.CHECK_*} name). */
    public List<VerificationProblem> problems(String check) {
        return problems.stream().filter(p -> p.check().equals(check)).toList();
    }
}
