package io.promdr.restore.drill;

/**
 * One thing a drill check found wrong.
 *
 * @param check   the drill check: {@value DrillChecks#INTEGRITY}, {@value DrillChecks#TSDB} or {@value DrillChecks#QUERY}
 * @param block   the ULID of the block at fault, or null when the failure concerns no single block
 * @param problem what failed inside the check, a stable name (docs/runbooks/restore-drill.md), e.g.
 *                {@code object.checksum}, {@code chunks.crc}, {@code query.samples}
 * @param file    the block file concerned (relative to the block, e.g. {@code chunks/000001}), or null
 * @param detail  one line saying what was found and what was expected
 */
public record BlockFailure(String check, String block, String problem, String file, String detail) {
}
