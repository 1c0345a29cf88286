package io.promdr.cli.progress;

import io.promdr.core.progress.ProgressListener;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The {@link ProgressListener} of a CLI command: counts, and hands a snapshot to its renderer no
 * more often than the renderer's interval, so that per-buffer calls stay cheap. Closing it
 * renders the final state once.
 */
public final class ProgressMeter implements ProgressListener, AutoCloseable {
    private final String operation;
    private final ProgressRenderer renderer;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastRenderNanos;
    private boolean rendered;
    private long bytes;
    private long totalBytes = -1;
    private int objects;
    private int totalObjects = -1;
    private boolean closed;

    ProgressMeter(String operation, ProgressRenderer renderer, LongSupplier nanoTime) {
        this.operation = operation;
        this.renderer = renderer;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastRenderNanos = startNanos;
    }

    @Override
    public synchronized void expect(long bytes, int objects) {
        this.totalBytes = bytes;
        this.totalObjects = objects;
        render(renderer.eager());
    }

    @Override
    public synchronized void transferred(long n) {
        bytes += n;
        render(false);
    }

    @Override
    public synchronized void objectDone(String key) {
        objects++;
        renderer.objectDone(key, snapshot());
        render(false);
    }

    public synchronized ProgressSnapshot snapshot() {
        return new ProgressSnapshot(operation, bytes, totalBytes, objects, totalObjects,
                Duration.ofNanos(nanoTime.getAsLong() - startNanos));
    }

    private void render(boolean force) {
        if (closed) {
            return;
        }
        long now = nanoTime.getAsLong();
        boolean first = !rendered && renderer.eager();
        if (force || first || now - lastRenderNanos >= renderer.interval().toNanos()) {
            rendered = true;
            lastRenderNanos = now;
            renderer.update(snapshot());
        }
    }

    /** Renders the final state, once; nothing when nothing was ever rendered (no block moved, or short quiet work). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (rendered) {
                renderer.finish(snapshot());
            }
        }
    }
}
