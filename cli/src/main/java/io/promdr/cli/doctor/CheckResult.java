package io.promdr.cli.doctor;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of the doctor report (docs/schemas/doctor.schema.json).
 *
 * @param name       the check's stable name
 * @param source     the source whose Prometheus was checked, null for checks of the repository and the rest
 * @param status     ok, warning, failed or skipped
 * @param detail     what was found, one line
 * @param hint       what to do, null when ok or skipped
 * @param durationMs how long the check took
 */
@JsonPropertyOrder({"name", "source", "status", "detail", "hint", "durationMs"})
public record CheckResult(String name, String source, CheckStatus status, String detail, String hint, long durationMs) {
}
