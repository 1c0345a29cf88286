package io.promdr.core.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A store that passes every call to a real one, except the calls a test planned a fault on:
 * the call fails, is delayed, or the bytes it reads come back truncated or with one byte flipped.
 *
 * <p>Each {@link Fault} matches one operation on keys starting with a prefix, and fires on the
 * matching calls numbered {@code from} to {@code from + times - 1} (1-based). A planned fault that
 * never fired is a test that tested nothing: {@link #assertAllFired()} fails then (after Kopia's
 * {@code blobtesting/faulty.go}).
 */
public final class FaultInjectingObjectStore extends ForwardingObjectStore {

    /** The store operations a fault can target. {@code COMMIT} is {@link PendingObject#commit()}; {@code WRITE} the pending stream's writes. */
    public enum Op { CREATE, WRITE, COMMIT, GET, GET_RANGE, STAT, LIST, DELETE }

    /** What happens to a matching call. */
    public enum Kind {
        /** The call throws the planned exception. */
        FAIL,
        /** The call sleeps, then proceeds (a slow network). */
        DELAY,
        /** A read ends early, after {@code at} bytes, as if the connection had closed cleanly. */
        TRUNCATE,
        /** A read returns byte {@code at} with its bits flipped. */
        CORRUPT,
        /** A read fails with "connection reset" after {@code at} bytes. */
        RESET
    }

    /** One planned fault; build with the static factories, then adjust with {@link #times(int)}. */
    public static final class Fault {
        private final Op op;
        private final String keyPrefix;
        private final int from;
        private final Kind kind;
        private final Supplier<? extends Exception> error;
        private final Duration delay;
        private final long at;
        private int times = 1;
        private final AtomicInteger matched = new AtomicInteger();
        private final AtomicInteger fired = new AtomicInteger();

        private Fault(Op op, String keyPrefix, int from, Kind kind, Supplier<? extends Exception> error, Duration delay, long at) {
            if (from < 1) {
                throw new IllegalArgumentException("calls are numbered from 1");
            }
            this.op = op;
            this.keyPrefix = keyPrefix;
            this.from = from;
            this.kind = kind;
            this.error = error;
            this.delay = delay;
            this.at = at;
        }

        /** The {@code nth} call of {@code op} on a key under {@code keyPrefix} throws an IOException naming it. */
        public static Fault fail(Op op, String keyPrefix, int nth) {
            return fail(op, keyPrefix, nth, () -> new IOException("injected fault: " + op + " " + keyPrefix + " #" + nth));
        }

        /** The {@code nth} call of {@code op} on a key under {@code keyPrefix} throws what {@code error} supplies (IOException or unchecked). */
        public static Fault fail(Op op, String keyPrefix, int nth, Supplier<? extends Exception> error) {
            return new Fault(op, keyPrefix, nth, Kind.FAIL, error, null, 0);
        }

        public static Fault delay(Op op, String keyPrefix, int nth, Duration delay) {
            return new Fault(op, keyPrefix, nth, Kind.DELAY, null, delay, 0);
        }

        /** The {@code nth} {@code get} of a key under the prefix ends after {@code afterBytes} bytes. */
        public static Fault truncate(String keyPrefix, int nth, long afterBytes) {
            return new Fault(Op.GET, keyPrefix, nth, Kind.TRUNCATE, null, null, afterBytes);
        }

        /** The {@code nth} {@code get} of a key under the prefix returns byte {@code atByte} flipped. */
        public static Fault corrupt(String keyPrefix, int nth, long atByte) {
            return new Fault(Op.GET, keyPrefix, nth, Kind.CORRUPT, null, null, atByte);
        }

        /** The {@code nth} {@code get} of a key under the prefix fails with a connection reset after {@code afterBytes} bytes. */
        public static Fault resetAfter(String keyPrefix, int nth, long afterBytes) {
            return new Fault(Op.GET, keyPrefix, nth, Kind.RESET, null, null, afterBytes);
        }

        /** The {@code nth} {@code getRange} of a key under the prefix fails with a connection reset after {@code afterBytes} bytes of the range. */
        public static Fault resetRangeAfter(String keyPrefix, int nth, long afterBytes) {
            return new Fault(Op.GET_RANGE, keyPrefix, nth, Kind.RESET, null, null, afterBytes);
        }

        /** The {@code nth} {@code getRange} of a key under the prefix returns byte {@code atByte} of the range flipped. */
        public static Fault corruptRange(String keyPrefix, int nth, long atByte) {
            return new Fault(Op.GET_RANGE, keyPrefix, nth, Kind.CORRUPT, null, null, atByte);
        }

        /** Fires on {@code times} consecutive matching calls instead of one. */
        public Fault times(int times) {
            this.times = times;
            return this;
        }

        public int fired() {
            return fired.get();
        }

        /** True if this call is one the fault fires on; counts it. */
        private boolean fires(Op called, String key) {
            if (called != op || !key.startsWith(keyPrefix)) {
                return false;
            }
            int n = matched.incrementAndGet();
            if (n < from || n >= from + times) {
                return false;
            }
            fired.incrementAndGet();
            return true;
        }

        @Override
        public String toString() {
            return kind + " " + op + " '" + keyPrefix + "' calls " + from + ".." + (from + times - 1);
        }
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    public FaultInjectingObjectStore(ObjectStore delegate) {
        super(delegate);
    }

    public FaultInjectingObjectStore plan(Fault... planned) {
        faults.addAll(List.of(planned));
        return this;
    }

    /** Fails unless every planned fault fired on every call it was planned for. */
    public void assertAllFired() {
        List<String> missed = new ArrayList<>();
        for (Fault fault : faults) {
            if (fault.fired() < fault.times) {
                missed.add(fault + " fired " + fault.fired() + " time(s)");
            }
        }
        if (!missed.isEmpty()) {
            throw new AssertionError("planned faults that never fired (the test tested nothing): " + missed);
        }
    }

    public int faultsFired() {
        return faults.stream().mapToInt(Fault::fired).sum();
    }

    @Override
    public PendingObject create(String key) throws IOException {
        inject(Op.CREATE, key);
        PendingObject pending = super.create(key);
        return new PendingObject() {
            private final OutputStream stream = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    inject(Op.WRITE, key);
                    pending.stream().write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    inject(Op.WRITE, key);
                    pending.stream().write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    pending.stream().flush();
                }
            };

            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public ObjectInfo commit() throws IOException {
                inject(Op.COMMIT, key);
                return pending.commit();
            }

            @Override
            public void abort() {
                pending.abort();
            }
        };
    }

    @Override
    public InputStream get(String key) throws IOException {
        Optional<Fault> readFault = inject(Op.GET, key);
        InputStream in = super.get(key);
        return readFault.map(fault -> damaged(in, fault)).orElse(in);
    }

    @Override
    public InputStream getRange(String key, long offset, long length) throws IOException {
        Optional<Fault> readFault = inject(Op.GET_RANGE, key);
        InputStream in = super.getRange(key, offset, length);
        return readFault.map(fault -> damaged(in, fault)).orElse(in);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        inject(Op.STAT, key);
        return super.stat(key);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        inject(Op.LIST, prefix);
        return super.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        inject(Op.DELETE, key);
        super.delete(key);
    }

    /**
     * Counts this call against every planned fault, then applies those that fire in plan order;
     * returns the first that damages the bytes read.
     */
    private Optional<Fault> inject(Op op, String key) throws IOException {
        List<Fault> firing = faults.stream().filter(fault -> fault.fires(op, key)).toList();
        Optional<Fault> damage = Optional.empty();
        for (Fault fault : firing) {
            switch (fault.kind) {
                case FAIL -> throwPlanned(fault.error.get());
                case DELAY -> sleep(fault.delay);
                case TRUNCATE, CORRUPT, RESET -> damage = damage.or(() -> Optional.of(fault));
            }
        }
        return damage;
    }

    private static void throwPlanned(Exception e) throws IOException {
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IOException(e);
    }

    private static void sleep(Duration delay) throws IOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during an injected delay", e);
        }
    }

    private static InputStream damaged(InputStream in, Fault fault) {
        return new FilterInputStream(in) {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (fault.kind == Kind.TRUNCATE || fault.kind == Kind.RESET) {
                    long left = fault.at - position;
                    if (left <= 0) {
                        if (fault.kind == Kind.RESET) {
                            throw new java.net.SocketException("Connection reset (injected)");
                        }
                        return -1;
                    }
                    len = (int) Math.min(len, left);
                }
                int n = super.read(b, off, len);
                if (n > 0 && fault.kind == Kind.CORRUPT && fault.at >= position && fault.at < position + n) {
                    b[off + (int) (fault.at - position)] ^= (byte) 0xff;
                }
                if (n > 0) {
                    position += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // Through read(), so skipped bytes count towards the truncation and corruption offsets.
                byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
                long skipped = 0;
                while (skipped < n) {
                    int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                    if (r < 0) {
                        break;
                    }
                    skipped += r;
                }
                return skipped;
            }
        };
    }
}
