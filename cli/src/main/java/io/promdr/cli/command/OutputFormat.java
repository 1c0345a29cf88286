package io.promdr.cli.command;

/** {@code -o}: human-readable table, or JSON for scripts (schemas in docs/cli.md). */
public enum OutputFormat {
    table,
    json
}
