package io.promdr.cli.progress;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A progress bar redrawn in place ({@code \r}) on a terminal, at most ten times a second:
 * {@code restore [=========>          ] 1.2 GiB / 3.4 GiB (35%), blocks 3/9, 45.1 MiB/s, ETA 52s}.
 * Without a known total the bar is left out. The last draw ends the line.
 */
final class TerminalRenderer implements ProgressRenderer {
    static final int BAR_WIDTH = 24;
    private final PrintWriter out;
    private int lastLength;

    TerminalRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(100);
    }

    @Override
    public boolean eager() {
        return true;
    }

    @Override
    public void update(ProgressSnapshot snapshot) {
        draw(snapshot);
    }

    @Override
    public void finish(ProgressSnapshot snapshot) {
        draw(snapshot);
        out.print('\n');
        out.flush();
    }

    private void draw(ProgressSnapshot s) {
        String line = s.operation() + " " + bar(s.percent()) + s.describe();
        // Blank out what a longer previous line left behind.
        String padding = " ".repeat(Math.max(0, lastLength - line.length()));
        lastLength = line.length();
        out.print('\r' + line + padding);
        out.flush();
    }

    static String bar(int percent) {
        if (percent < 0) {
            return "";
        }
        int filled = percent * BAR_WIDTH / 100;
        return "[" + "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "") + "] ";
    }
}
