package io.promdr.cli.progress;

import io.promdr.cli.logging.LogFormat;
import io.promdr.cli.logging.LogOutput;
import io.promdr.core.progress.ProgressListener;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/**
 * Picks how a command shows progress, on stderr so that stdout (tables, JSON) stays clean:
 * nothing with --quiet or {@code --progress none}; log lines with --verbose (they interleave
 * with the log), with --log-format json, or when not on a terminal; the bar on a terminal.
 */
public final class Progress {
    private Progress() {
    }

    /**
     * @param terminal whether the process runs on a terminal; {@code System.console() != null} in production
     */
    public static ProgressListenerHandle start(String operation, ProgressMode mode, boolean quiet, boolean verbose,
                                               BooleanSupplier terminal, PrintWriter err) {
        if (quiet || mode == ProgressMode.none) {
            return ProgressListenerHandle.NONE;
        }
        // JSON logs are for collectors: a bar's carriage returns would only corrupt them.
        boolean bar = mode == ProgressMode.bar || mode == ProgressMode.auto && !verbose
                && LogOutput.current() != LogFormat.json && terminal.getAsBoolean();
        ProgressRenderer renderer = bar ? new TerminalRenderer(err)
                : new LogLineRenderer(err, LogLineRenderer.DEFAULT_INTERVAL, verbose, mode == ProgressMode.log);
        return new ProgressListenerHandle(new ProgressMeter(operation, renderer, System::nanoTime));
    }

    /** A listener that ends the progress display when closed. */
    public record ProgressListenerHandle(ProgressMeter meter) implements AutoCloseable {
        static final ProgressListenerHandle NONE = new ProgressListenerHandle(null);

        public ProgressListener listener() {
            return meter == null ? ProgressListener.NONE : meter;
        }

        @Override
        public void close() {
            if (meter != null) {
                meter.close();
            }
        }
    }
}
