package io.promdr.core.tsdb.verify;

/**
 * One failed check of a block.
 *
 * @param check  the stable check name, one of the {@code BlockVerifier.CHECK_*} constants (documented in
 *               docs/tsdb-verification.md), e.g. {@code "chunks.crc"}
 * @param file   the path of the damaged file relative to the block directory, e.g. {@code "index"},
 *               {@code "chunks/000001"} or {@code "meta.json"}
 * @param detail one line naming where the damage was found (offset, series, chunk ref) and the values seen
 */
public record VerificationProblem(String check, String file, String detail) {
}
