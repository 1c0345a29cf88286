package io.promdr.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A flat key/value store of immutable objects: the one boundary between promdr and storage.
 *
 * <p>Contract every implementation MUST keep (checked by {@code ObjectStoreContract}):
 * <ul>
 *   <li>Keys are relative, '/'-separated, with no empty, "." or ".." segment; the store maps
 *       them under its own root or prefix.</li>
 *   <li>Writes are atomic: a reader never sees a partial object. An object becomes visible
 *       only when {@link PendingObject#commit()} returns; an aborted or unclosed pending object
 *       leaves nothing visible (a store may leave invisible debris, such as an incomplete
 *       multipart upload, that its own housekeeping removes).</li>
 *   <li>Writing an existing key replaces it atomically. promdr's format never relies on
 *       replacing data objects: their keys are content-addressed.</li>
 *   <li>Memory is bounded whatever the object size: writes stream (S3 multipart parts, temp
 *       file in the target directory), reads stream.</li>
 *   <li>A missing key on {@link #get} or {@link #getRange} raises
 *       {@link ObjectNotFoundException}; {@link #stat} returns empty; {@link #delete} of a
 *       missing key succeeds.</li>
 *   <li>{@link #list} returns every committed object under a prefix, recursively, sorted by
 *       key, never pending ones.</li>
 *   <li>An invalid key (see {@link ObjectKeys#requireValid}) or list prefix (see
 *       {@link ObjectKeys#requireValidPrefix}) raises {@link IllegalArgumentException} on every
 *       operation, before any I/O.</li>
 * </ul>
 * Failures of the storage itself surface as {@link io.promdr.core.error.PromdrException} with a
 * code that names the cause (bucket missing, access denied, unreachable) when it is known, or
 * as {@link IOException}.
 */
public interface ObjectStore extends AutoCloseable {

    /** Where this store points, for messages: {@code s3://bucket/prefix} or {@code file:///dir}. Never contains credentials. */
    String location();

    /** Starts a streamed write of {@code key}; nothing is visible until {@link PendingObject#commit()}. */
    PendingObject create(String key) throws IOException;

    /** Writes a small object in one call (atomic, like {@link #create}). */
    default ObjectInfo put(String key, byte[] content) throws IOException {
        try (PendingObject pending = create(key)) {
            pending.stream().write(content);
            return pending.commit();
        }
    }

    /** Opens the whole object for reading. */
    InputStream get(String key) throws IOException;

    /** Opens {@code length} bytes from {@code offset}; a range past the end is cut at the end. */
    InputStream getRange(String key, long offset, long length) throws IOException;

    /** Size and modification time of a committed object, or empty when there is none. */
    Optional<ObjectInfo> stat(String key) throws IOException;

    /** Every committed object whose key starts with {@code prefix} (may be empty), sorted by key. */
    List<ObjectInfo> list(String prefix) throws IOException;

    /** Deletes an object; deleting a missing key is not an error. */
    void delete(String key) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
