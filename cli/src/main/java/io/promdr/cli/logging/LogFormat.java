package io.promdr.cli.logging;

/** {@code --log-format}: human-readable lines, or one JSON object per line for log collectors. */
public enum LogFormat {
    text,
    json
}
