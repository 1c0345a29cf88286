package io.promdr.core.crypto;

import io.promdr.core.store.ForwardingObjectStore;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.PendingObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Encrypts block archives on their way into the wrapped store and decrypts them on the way out,
 * so that everything above it (archive, upload, download, verify) sees plaintext objects and
 * plaintext sizes. Only the keys {@code encrypted} selects are encrypted: the repository passes
 * {@code RepositoryLayout::isBlockObjectKey}, so block archives are, and repository.json,
 * manifests, pins and locks pass through unchanged (docs/repository-format.md, "Encryption",
 * says why).
 *
 * <p>The {@link ObjectStore} contract holds for the plaintext: {@code stat} and {@code list}
 * report the plaintext size (a function of the stored size), {@code getRange} returns plaintext
 * bytes (it reads the header and the whole segments that cover the range, and cuts), and every
 * read authenticates what it returns: a changed, cut or extended object raises
 * {@link ObjectTamperedException} instead of returning wrong bytes.
 */
public final class EncryptingObjectStore extends ForwardingObjectStore {
    private final EncryptionKey key;
    private final StreamFormat format;
    private final Predicate<String> encrypted;

    public EncryptingObjectStore(ObjectStore delegate, EncryptionKey key, int segmentSize, Predicate<String> encrypted) {
        super(delegate);
        this.key = key;
        this.format = new StreamFormat(segmentSize);
        this.encrypted = encrypted;
    }

    @Override
    public PendingObject create(String key) throws IOException {
        PendingObject pending = super.create(key);
        if (!encrypted.test(key)) {
            return pending;
        }
        EncryptingOutputStream stream = new EncryptingOutputStream(pending.stream(), ObjectCipher.forWriting(this.key, key), format);
        return new PendingObject() {
            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public ObjectInfo commit() throws IOException {
                stream.finish();
                ObjectInfo stored = pending.commit();
                return new ObjectInfo(stored.key(), stream.plaintextCount(), stored.lastModified());
            }

            @Override
            public void abort() {
                pending.abort();
            }
        };
    }

    @Override
    public InputStream get(String key) throws IOException {
        InputStream stored = super.get(key);
        if (!encrypted.test(key)) {
            return stored;
        }
        try {
            ObjectCipher cipher = ObjectCipher.forReading(this.key, key, stored.readNBytes(StreamFormat.HEADER_SIZE));
            return DecryptingInputStream.whole(stored, cipher, format);
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(stored, e);
            throw e;
        }
    }

    @Override
    public InputStream getRange(String key, long offset, long length) throws IOException {
        if (!encrypted.test(key)) {
            return super.getRange(key, offset, length);
        }
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + offset + "+" + length + " of " + key);
        }
        ObjectCipher cipher = readCipher(key);
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        long first = format.segmentOf(offset);
        long end = length > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + length - 1;
        // No object has more segments than the nonce counts: capping keeps the stored range from overflowing.
        long last = Math.min(format.segmentOf(end), StreamFormat.MAX_SEGMENTS - 1);
        if (first > last) {
            return InputStream.nullInputStream();
        }
        long start = format.segmentOffset(first);
        // One byte past the last segment wanted: whether it exists tells if that segment is the object's last.
        long storedLength = (last - first + 1) * format.storedSegmentSize() + 1;
        InputStream stored = super.getRange(key, start, storedLength);
        PushbackInputStream peek = new PushbackInputStream(stored, 1);
        try {
            int b = peek.read();
            if (b < 0 && first > 0) {
                peek.close();
                requireEndsBefore(key, cipher, first);
                return InputStream.nullInputStream();
            }
            if (b >= 0) {
                peek.unread(b);
            }
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(peek, e);
            throw e;
        }
        return new DecryptingInputStream(peek, cipher, format, first, last, offset - first * format.segmentSize(), length);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        return super.stat(key).map(this::plaintextInfo);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        return super.list(prefix).stream().map(this::plaintextInfo).toList();
    }

    private ObjectInfo plaintextInfo(ObjectInfo stored) {
        if (!encrypted.test(stored.key())) {
            return stored;
        }
        return new ObjectInfo(stored.key(), format.plaintextSize(stored.size()), stored.lastModified());
    }

    private ObjectCipher readCipher(String key) throws IOException {
        try (InputStream header = super.getRange(key, 0, StreamFormat.HEADER_SIZE)) {
            return ObjectCipher.forReading(this.key, key, header.readNBytes(StreamFormat.HEADER_SIZE));
        }
    }

    /**
     * A range that starts past the end is empty, as the contract says, but only an authenticated
     * last segment proves the end is there: an object cut at a segment boundary must not read as
     * a shorter, valid one.
     */
    private void requireEndsBefore(String key, ObjectCipher cipher, long segment) throws IOException {
        long storedSize = super.stat(key).map(ObjectInfo::size).orElse(0L);
        long lastSegment = format.segments(format.plaintextSize(storedSize)) - 1;
        if (lastSegment >= segment) {
            throw new ObjectTamperedException(key, "segment " + segment + " is missing");
        }
        try (DecryptingInputStream in = new DecryptingInputStream(
                super.getRange(key, format.segmentOffset(lastSegment), format.storedSegmentSize() + 1L),
                cipher, format, lastSegment, lastSegment, 0, Long.MAX_VALUE)) {
            in.transferTo(OutputStream.nullOutputStream());
            if (!in.sawLast()) {
                throw new ObjectTamperedException(key, "segment " + (lastSegment + 1) + " is missing");
            }
        }
    }

    private static void closeAfterFailure(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
