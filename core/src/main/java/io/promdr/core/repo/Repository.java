package io.promdr.core.repo;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BackupId;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.RepositoryDescriptor;
import io.promdr.core.model.StoredObject;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectNotFoundException;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ReadOnlyObjectStore;
import io.promdr.core.crypto.KeySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The typed view of a repository above a raw {@link ObjectStore}: descriptor, manifests, block
 * objects. It checks the format version on open, so every command that goes through it refuses
 * a repository written by a newer major version.
 */
public final class Repository {
    /** Manifests larger than this are refused unread: a real one is a few hundred KiB at most. */
    static final long MAX_MANIFEST_BYTES = 64L << 20;

    private static final Comparator<Manifest> NEWEST_LAST = Comparator
            .comparing(Manifest::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Manifest::backupId);

    private final ObjectStore store;
    private final RepositoryDescriptor descriptor;

    private Repository(ObjectStore store, RepositoryDescriptor descriptor) {
        this.store = store;
        this.descriptor = descriptor;
    }

    /** Writes repository.json of a plaintext repository into an empty location. */
    public static Repository init(ObjectStore store, String createdBy) throws IOException {
        return init(store, createdBy, KeySource.NONE);
    }

    /**
     * Writes repository.json into an empty location: an encrypted repository (format version 2,
     * docs/repository-format.md, "Encryption") when {@code keys} holds a key, else a plaintext one.
     */
    public static Repository init(ObjectStore store, String createdBy, KeySource keys) throws IOException {
        if (store.stat(RepositoryLayout.descriptorKey()).isPresent()) {
            throw new PromdrException(ErrorCode.REPOSITORY_ALREADY_INITIALISED,
                    "repository " + store.location() + " is already initialised",
                    "use it as it is, or choose another --repository");
        }
        RepositoryDescriptor descriptor = RepositoryUnlock.describe(UUID.randomUUID().toString(), Instant.now(), createdBy,
                keys.load());
        store.put(RepositoryLayout.descriptorKey(), RepositoryJson.mapper().writeValueAsBytes(descriptor));
        return new Repository(RepositoryUnlock.unlock(store, descriptor, keys), descriptor);
    }

    /** Opens an initialised plaintext repository, refusing one of a newer format, and an encrypted one (no key). */
    public static Repository open(ObjectStore store) throws IOException {
        return open(store, KeySource.NONE);
    }

    /**
     * Opens an initialised repository, refusing one of a newer format. An encrypted repository
     * needs its key from {@code keys} (ENCRYPTION_KEY_MISSING, ENCRYPTION_KEY_WRONG), a plaintext
     * one refuses a key (ENCRYPTION_NOT_ENABLED): both are decided here, before any block is
     * read or written. The repository's {@link #store()} decrypts block archives.
     */
    public static Repository open(ObjectStore store, KeySource keys) throws IOException {
        RepositoryDescriptor descriptor;
        try (InputStream in = store.get(RepositoryLayout.descriptorKey())) {
            descriptor = RepositoryJson.mapper().readValue(in, RepositoryDescriptor.class);
        } catch (ObjectNotFoundException e) {
            throw new PromdrException(ErrorCode.REPOSITORY_NOT_INITIALISED,
                    "repository " + store.location() + " is not initialised (no repository.json)",
                    "run `promdr init --repository " + store.location() + "` or check --repository");
        } catch (JacksonException e) {
            throw new PromdrException(ErrorCode.MANIFEST_UNREADABLE,
                    "repository.json in " + store.location() + " is not valid JSON: " + e.getOriginalMessage(),
                    "the repository marker was damaged; compare it with docs/repository-format.md");
        }
        if (!RepositoryDescriptor.FORMAT.equals(descriptor.format())) {
            throw new PromdrException(ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED,
                    store.location() + " is not a promdr repository (format \"" + descriptor.format() + "\")",
                    "check --repository");
        }
        if (descriptor.version() > RepositoryDescriptor.CURRENT_VERSION) {
            throw new PromdrException(ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED,
                    "repository " + store.location() + " has format version " + descriptor.version()
                            + ", newer than the " + RepositoryDescriptor.CURRENT_VERSION + " this promdr reads",
                    "upgrade promdr");
        }
        RepositoryUnlock.requireKnownFeatures(descriptor, store.location());
        return new Repository(RepositoryUnlock.unlock(store, descriptor, keys), descriptor);
    }

    /**
     * As {@link #open}, for a store opened for this repository alone: when opening fails the
     * store is closed (a close failure is added as suppressed), so that nothing leaks.
     */
    public static Repository openOrCloseStore(ObjectStore store) throws IOException {
        return openOrCloseStore(store, KeySource.NONE);
    }

    /** As {@link #open(ObjectStore, KeySource)}, closing the store when opening fails. */
    public static Repository openOrCloseStore(ObjectStore store, KeySource keys) throws IOException {
        try {
            return open(store, keys);
        } catch (IOException | RuntimeException e) {
            try {
                store.close();
            } catch (IOException | RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /**
     * This repository behind a {@link ReadOnlyObjectStore} (restore, drill, verify, a prune's
     * plan): the same descriptor and key, without reading repository.json again. Closing its
     * store closes this one's.
     */
    public Repository readOnly() {
        return new Repository(ReadOnlyObjectStore.of(store), descriptor);
    }

    /** The store to read and write through: it decrypts and encrypts block archives of an encrypted repository. */
    public ObjectStore store() {
        return store;
    }

    public RepositoryDescriptor descriptor() {
        return descriptor;
    }

    public String location() {
        return store.location();
    }

    /** All committed manifests of one source (or all sources when null), oldest first; an unreadable one fails the call. */
    public List<Manifest> listManifests(String source) throws IOException {
        return listManifests(source, problem -> {
            throw problem;
        });
    }

    /**
     * All readable manifests of one source (or all sources when null), oldest first. Each
     * unreadable manifest (damaged, foreign, newer format) is handed to {@code onUnreadable}
     * instead, so that one bad object does not hide every other backup from {@code promdr list}.
     */
    public List<Manifest> listManifests(String source, Consumer<PromdrException> onUnreadable) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        for (ObjectInfo info : store.list(RepositoryLayout.manifestPrefix(source))) {
            if (RepositoryLayout.backupIdOf(info.key()).isEmpty()) {
                continue;
            }
            try {
                manifests.add(readManifest(info.key(), info.size()));
            } catch (PromdrException e) {
                if (e.code() != ErrorCode.MANIFEST_UNREADABLE && e.code() != ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED) {
                    throw e;
                }
                onUnreadable.accept(e);
            }
        }
        // By start time first: two backups started in the same second have ids that differ only by their random suffix.
        manifests.sort(NEWEST_LAST);
        return manifests;
    }

    /**
     * Finds a backup by full id, unique id prefix, or {@code latest} (the newest backup of the
     * source, or of all sources when {@code source} is null).
     */
    public Manifest resolve(String idOrPrefix, String source) throws IOException {
        List<Manifest> all = listManifests(source);
        String scope = source == null ? "" : " of source " + source;
        if (all.isEmpty()) {
            throw new PromdrException(ErrorCode.BACKUP_NOT_FOUND, "repository " + location() + " has no backups" + scope,
                    "run `promdr backup` first, or check --repository and --source");
        }
        if ("latest".equals(idOrPrefix)) {
            return all.get(all.size() - 1);
        }
        List<Manifest> matches = all.stream().filter(m -> m.backupId().startsWith(idOrPrefix)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new PromdrException(ErrorCode.BACKUP_NOT_FOUND,
                    "backup " + idOrPrefix + " not found in " + location() + scope, "run `promdr list` to see the backup ids");
        }
        throw new PromdrException(ErrorCode.USAGE, "backup id prefix " + idOrPrefix + " matches " + matches.size() + " backups",
                "type more characters of the id (see `promdr list`)");
    }

    /** The commit point of a backup: every object it references must already be stored. Returns the manifest's key. */
    public String commitManifest(Manifest manifest) throws IOException {
        String key = RepositoryLayout.manifestKey(manifest.source().name(), manifest.id());
        store.put(key, RepositoryJson.mapper().writeValueAsBytes(manifest));
        return key;
    }

    /** True when the object exists with the recorded size (puts are atomic, so a present object is complete). */
    public boolean hasObject(StoredObject object) throws IOException {
        Optional<ObjectInfo> info = store.stat(object.key());
        return info.isPresent() && info.get().size() == object.size();
    }

    public Manifest readManifest(String key) throws IOException {
        return readManifest(key, store.stat(key).map(ObjectInfo::size).orElse(0L));
    }

    private Manifest readManifest(String key, long size) throws IOException {
        if (size > MAX_MANIFEST_BYTES) {
            throw new PromdrException(ErrorCode.MANIFEST_UNREADABLE,
                    "manifest " + key + " is " + size + " bytes, over the " + MAX_MANIFEST_BYTES + " byte limit",
                    "the object is not a promdr manifest; remove it or check the repository");
        }
        Manifest manifest;
        try (InputStream in = new ManifestSizeLimit(store.get(key), key, MAX_MANIFEST_BYTES)) {
            // The version is checked before binding: a newer format may not bind to these records at all.
            JsonNode tree = RepositoryJson.mapper().readTree(in);
            int version = tree == null ? 0 : tree.path("formatVersion").asInt(0);
            if (version > Manifest.MAX_READABLE_FORMAT_VERSION) {
                throw new PromdrException(ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED,
                        "manifest " + key + " has format version " + version
                                + ", newer than the " + Manifest.MAX_READABLE_FORMAT_VERSION + " this promdr reads",
                        "upgrade promdr");
            }
            manifest = RepositoryJson.mapper().treeToValue(tree, Manifest.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new PromdrException(ErrorCode.MANIFEST_UNREADABLE,
                    "manifest " + key + " in " + location() + " is unreadable: " + firstLine(e),
                    "the object was damaged or is not a manifest; other backups are unaffected");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (manifest == null) {
            // An empty object (or JSON null) binds to nothing: a truncated write by someone else, never promdr's.
            throw new PromdrException(ErrorCode.MANIFEST_UNREADABLE, "manifest " + key + " in " + location() + " is empty",
                    "the object was damaged or is not a manifest; other backups are unaffected");
        }
        if (manifest.backupId() == null || !key.endsWith(manifest.backupId() + ".json")) {
            throw new PromdrException(ErrorCode.MANIFEST_UNREADABLE,
                    "manifest " + key + " names backup " + manifest.backupId() + ", not the one in its key",
                    "the object was renamed or damaged; other backups are unaffected");
        }
        ManifestValidator.validate(key, manifest);
        return manifest;
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    /** Key of the manifest of an existing backup. */
    public static String manifestKeyOf(Manifest manifest) {
        return RepositoryLayout.manifestKey(manifest.source().name(), new BackupId(manifest.backupId()));
    }
}
