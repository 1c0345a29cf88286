package io.promdr.cli.progress;

/** {@code --progress}: how long work shows its progress (docs/cli.md, "Progress"). */
public enum ProgressMode {
    /** A bar on a terminal (System.console() present), log lines otherwise. */
    auto,
    /** The redrawn bar, even without a terminal. */
    bar,
    /** A plain line every few seconds. */
    log,
    /** Nothing. */
    none
}
