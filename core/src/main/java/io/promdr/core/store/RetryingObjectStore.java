package io.promdr.core.store;

import io.promdr.core.retry.Retrier;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.core.retry.TransientFailures;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Retries the transient failures of the wrapped store ({@link TransientFailures}) with the
 * backoff of a {@link RetryPolicy}. Every call it retries is idempotent:
 * <ul>
 *   <li>{@code stat}, {@code list}, {@code delete}, and {@code put} of a small object (the bytes
 *       are in memory, so the whole write is attempted again);</li>
 *   <li>{@code get} and {@code getRange}: opening, and also a read that fails half-way, which
 *       resumes with a range request from the first byte not yet returned, so that a connection
 *       reset in the middle of a 1 GB block costs one request, not the restore;</li>
 *   <li>{@code create}: only the call that starts the write. The bytes of a streamed write are
 *       not kept, so a failure while writing or committing is not retried here: the S3 client
 *       retries each multipart part itself (it holds the part in memory), and a backup that still
 *       fails is rerun, which reuses what was stored.</li>
 * </ul>
 */
public final class RetryingObjectStore extends ForwardingObjectStore {
    private final Retrier retrier;

    public RetryingObjectStore(ObjectStore delegate, RetryPolicy policy) {
        this(delegate, new Retrier(policy, TransientFailures::isTransient));
    }

    public RetryingObjectStore(ObjectStore delegate, Retrier retrier) {
        super(delegate);
        this.retrier = retrier;
    }

    /** {@code store} wrapped unless the policy does not retry. */
    public static ObjectStore wrap(ObjectStore store, RetryPolicy policy) {
        return policy == null || !policy.retries() ? store : new RetryingObjectStore(store, policy);
    }

    @Override
    public PendingObject create(String key) throws IOException {
        return retrier.call("create " + key, () -> delegate().create(key));
    }

    @Override
    public ObjectInfo put(String key, byte[] content) throws IOException {
        return retrier.call("put " + key, () -> {
            try (PendingObject pending = delegate().create(key)) {
                pending.stream().write(content);
                return pending.commit();
            }
        });
    }

    @Override
    public InputStream get(String key) throws IOException {
        InputStream first = retrier.call("get " + key, () -> delegate().get(key));
        return new ResumingInputStream(first, key, 0, Long.MAX_VALUE, this::reopen);
    }

    @Override
    public InputStream getRange(String key, long offset, long length) throws IOException {
        InputStream first = retrier.call("get " + key + " from byte " + offset, () -> delegate().getRange(key, offset, length));
        return new ResumingInputStream(first, key, offset, length, this::reopen);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        return retrier.call("stat " + key, () -> delegate().stat(key));
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        return retrier.call("list " + prefix, () -> delegate().list(prefix));
    }

    @Override
    public void delete(String key) throws IOException {
        retrier.call("delete " + key, () -> {
            delegate().delete(key);
            return null;
        });
    }

    /** Opens the rest of a read that failed at {@code offset}: one range request, itself retried. */
    private InputStream reopen(String key, long offset, long length, IOException failure) throws IOException {
        if (!TransientFailures.isTransient(failure) || !retrier.policy().retries()) {
            throw failure;
        }
        return retrier.call("resume " + key + " at byte " + offset, () -> delegate().getRange(key, offset, length));
    }
}
