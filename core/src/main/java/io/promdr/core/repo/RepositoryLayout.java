package io.promdr.core.repo;

import io.promdr.core.model.BackupId;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The only place that builds object keys (docs/repository-format.md, "Layout"):
 * <pre>
 * repository.json                                  format marker and version
 * blocks/&lt;ULID&gt;/&lt;content-hash&gt;.tar.zst           one archive per TSDB block, write once
 * backups/&lt;source&gt;/&lt;backup-id&gt;.json              one manifest per backup, the commit point
 * pins/&lt;source&gt;/&lt;backup-id&gt;.json                 a backup retention must keep
 * locks/&lt;lock-id&gt;.json                           a backup's shared lock or a prune's exclusive lock
 * </pre>
 */
public final class RepositoryLayout {
    public static final String DESCRIPTOR = "repository.json";
    public static final String BLOCKS = "blocks/";
    public static final String BACKUPS = "backups/";
    public static final String PINS = "pins/";
    public static final String LOCKS = "locks/";
    private static final String MANIFEST_SUFFIX = ".json";
    private static final String ARCHIVE_SUFFIX = ".tar.zst";

    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String DOCTOR_PROBE_PREFIX = "promdr-doctor-probe-";
    private static final Pattern DOCTOR_NONCE = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern LOCK_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private RepositoryLayout() {
    }

    public static String descriptorKey() {
        return DESCRIPTOR;
    }

    public static String blockObjectKey(String ulid, String contentHash) {
        requireMatch(ULID, ulid, "block ULID");
        requireMatch(SHA256, contentHash, "content hash");
        return BLOCKS + ulid + "/" + contentHash + ARCHIVE_SUFFIX;
    }

    /** Prefix of every stored version of one block (a block whose meta.json or tombstones changed gets a new content hash). */
    public static String blockPrefix(String ulid) {
        requireMatch(ULID, ulid, "block ULID");
        return BLOCKS + ulid + "/";
    }

    public static String manifestKey(String source, BackupId id) {
        requireSourceName(source);
        return BACKUPS + source + "/" + id.value() + MANIFEST_SUFFIX;
    }

    /** Prefix of the manifests of one source, or of all sources when {@code source} is null. */
    public static String manifestPrefix(String source) {
        if (source == null) {
            return BACKUPS;
        }
        requireSourceName(source);
        return BACKUPS + source + "/";
    }

    /** The backup id in a manifest key, or empty for a key that is not one (foreign or temporary objects). */
    public static Optional<BackupId> backupIdOf(String manifestKey) {
        if (!manifestKey.startsWith(BACKUPS) || !manifestKey.endsWith(MANIFEST_SUFFIX)) {
            return Optional.empty();
        }
        String name = manifestKey.substring(manifestKey.lastIndexOf('/') + 1, manifestKey.length() - MANIFEST_SUFFIX.length());
        return BackupId.isValid(name) ? Optional.of(new BackupId(name)) : Optional.empty();
    }

    /**
     * Key of the small object {@code promdr doctor} writes and removes again to prove the
     * repository is writable. Outside {@code blocks/} and {@code backups/}, so that no reader
     * or sweep ever takes it for part of a backup.
     */
    public static String doctorProbeKey(String nonce) {
        requireMatch(DOCTOR_NONCE, nonce, "doctor probe nonce");
        return DOCTOR_PROBE_PREFIX + nonce;
    }

    public static String pinKey(String source, BackupId id) {
        requireSourceName(source);
        return PINS + source + "/" + id.value() + MANIFEST_SUFFIX;
    }

    /** Prefix of the pins of one source, or of all sources when {@code source} is null. */
    public static String pinPrefix(String source) {
        if (source == null) {
            return PINS;
        }
        requireSourceName(source);
        return PINS + source + "/";
    }

    /** The backup id a pin key protects, or empty for a key that is not a pin. */
    public static Optional<BackupId> pinnedIdOf(String pinKey) {
        if (!pinKey.startsWith(PINS) || !pinKey.endsWith(MANIFEST_SUFFIX)) {
            return Optional.empty();
        }
        String name = pinKey.substring(pinKey.lastIndexOf('/') + 1, pinKey.length() - MANIFEST_SUFFIX.length());
        return BackupId.isValid(name) ? Optional.of(new BackupId(name)) : Optional.empty();
    }

    public static String lockKey(String lockId) {
        requireMatch(LOCK_ID, lockId, "lock id");
        return LOCKS + lockId + MANIFEST_SUFFIX;
    }

    public static String lockPrefix() {
        return LOCKS;
    }

    /** True for a key under blocks/ that names a block archive (anything else there is foreign and left alone). */
    public static boolean isBlockObjectKey(String key) {
        String[] parts = key.split("/");
        return parts.length == 3 && (parts[0] + "/").equals(BLOCKS) && ULID.matcher(parts[1]).matches()
                && parts[2].endsWith(ARCHIVE_SUFFIX)
                && SHA256.matcher(parts[2].substring(0, parts[2].length() - ARCHIVE_SUFFIX.length())).matches();
    }

    public static boolean isValidSourceName(String source) {
        return source != null && SOURCE_NAME.matcher(source).matches();
    }

    public static boolean isUlid(String name) {
        return name != null && ULID.matcher(name).matches();
    }

    private static void requireSourceName(String source) {
        requireMatch(SOURCE_NAME, source, "source name (lower-case letters, digits, '.', '_', '-')");
    }

    private static void requireMatch(Pattern pattern, String value, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + ": " + value);
        }
    }
}
