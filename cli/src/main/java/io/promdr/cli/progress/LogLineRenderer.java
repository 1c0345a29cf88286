package io.promdr.cli.progress;

import io.promdr.cli.logging.JsonLogLayout;
import io.promdr.cli.logging.LogFormat;
import io.promdr.cli.logging.LogOutput;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress for logs (a CronJob, a pipe, systemd): one plain line every {@link #interval()} and
 * one at the end, so work shorter than the interval logs nothing; asked for explicitly
 * ({@code --progress log}) also one when the work starts. With --verbose also one per finished
 * block object. Never a carriage return or an escape sequence.
 */
final class LogLineRenderer implements ProgressRenderer {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private final PrintWriter out;
    private final Duration interval;
    private final boolean perObject;
    private final boolean eager;

    LogLineRenderer(PrintWriter out, Duration interval, boolean perObject, boolean eager) {
        this.out = out;
        this.interval = interval;
        this.perObject = perObject;
        this.eager = eager;
    }

    @Override
    public boolean eager() {
        return eager;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void update(ProgressSnapshot snapshot) {
        line("progress: " + snapshot.operation() + " " + snapshot.describe());
    }

    @Override
    public void objectDone(String key, ProgressSnapshot snapshot) {
        if (perObject) {
            line("progress: " + snapshot.operation() + " done " + key);
        }
    }

    @Override
    public void finish(ProgressSnapshot snapshot) {
        line("progress: " + snapshot.operation() + " finished " + snapshot.describe());
    }

    private void line(String text) {
        out.print(LogOutput.current() == LogFormat.json ? JsonLogLayout.line("INFO", "io.promdr.progress", text)
                : text + System.lineSeparator());
        out.flush();
    }
}
