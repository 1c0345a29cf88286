package io.promdr.core.store;

import io.promdr.core.progress.ProgressListener;
import io.promdr.core.repo.RepositoryLayout;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reports the bytes of block objects written and read to a {@link ProgressListener}: progress as
 * a wrapper, not as code in the jobs. Only keys under {@code blocks/} count, so manifests and
 * repository.json do not distort the rate. Behaviour is otherwise unchanged.
 */
public final class ProgressObjectStore extends ForwardingObjectStore {
    private final ProgressListener listener;

    private ProgressObjectStore(ObjectStore delegate, ProgressListener listener) {
        super(delegate);
        this.listener = listener;
    }

    /** {@code store} itself when nobody listens. */
    public static ObjectStore of(ObjectStore store, ProgressListener listener) {
        return listener == null || listener == ProgressListener.NONE ? store : new ProgressObjectStore(store, listener);
    }

    @Override
    public PendingObject create(String key) throws IOException {
        PendingObject pending = super.create(key);
        if (!isBlock(key)) {
            return pending;
        }
        OutputStream counting = new FilterOutputStream(pending.stream()) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                listener.transferred(1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                listener.transferred(len);
            }
        };
        return new PendingObject() {
            @Override
            public OutputStream stream() {
                return counting;
            }

            @Override
            public ObjectInfo commit() throws IOException {
                ObjectInfo info = pending.commit();
                listener.objectDone(key);
                return info;
            }

            @Override
            public void abort() {
                pending.abort();
            }
        };
    }

    @Override
    public InputStream get(String key) throws IOException {
        InputStream in = super.get(key);
        return isBlock(key) ? counting(in, key, true, Long.MAX_VALUE) : in;
    }

    @Override
    public InputStream getRange(String key, long offset, long length) throws IOException {
        InputStream in = super.getRange(key, offset, length);
        return isBlock(key) ? counting(in, key, false, length) : in;
    }

    private static boolean isBlock(String key) {
        return key.startsWith(RepositoryLayout.BLOCKS);
    }

    /**
     * Counts what is read; on close, a whole-object read finishes the object, and so does a range
     * read that reached the object's end before its requested length (the last range of a
     * {@link ParallelRangeInputStream}, which asks for one byte more than the object should hold).
     */
    private InputStream counting(InputStream in, String key, boolean wholeObject, long requested) {
        return new FilterInputStream(in) {
            private boolean done;
            private boolean endedShort;
            private long read;

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    read++;
                    listener.transferred(1);
                } else {
                    endedShort = read < requested;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    read += n;
                    listener.transferred(n);
                } else if (n < 0) {
                    endedShort = read < requested;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                try {
                    in.close();
                } finally {
                    if ((wholeObject || endedShort) && !done) {
                        done = true;
                        listener.objectDone(key);
                    }
                }
            }
        };
    }
}
