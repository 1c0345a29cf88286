package io.promdr.core.store;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.retry.RetryPolicy;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Opens the store a repository URI names: {@code file:///abs/dir} (or a plain path) or {@code s3://bucket[/prefix]}. */
public final class ObjectStores {
    private static final String ACCEPTED = "use file:///path or s3://bucket/prefix";
    /** A URI scheme; two characters at least so that a Windows drive ("C:") reads as a path. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");
    /** S3 bucket naming rules, loosely: lowercase letters, digits, dots and hyphens, 3 to 63 characters. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Up to the last '@': secret keys may contain '/' and '@'; hiding too much is better than showing a secret. */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://).*@");

    private ObjectStores() {
    }

    /** Unknown schemes and malformed URIs raise USAGE naming the URI, with the accepted forms as hint. */
    public static ObjectStore open(String repositoryUri, S3Settings s3) {
        if (repositoryUri == null || repositoryUri.isBlank()) {
            throw new PromdrException(ErrorCode.USAGE, "no repository URI given", ACCEPTED);
        }
        String uri = redactUserInfo(repositoryUri.trim());
        if (uri.startsWith("s3://")) {
            return openS3(uri, s3 == null ? S3Settings.defaults() : s3);
        }
        if (uri.startsWith("file:")) {
            return new FileSystemObjectStore(fileUriPath(uri));
        }
        if (SCHEME.matcher(uri).find()) {
            throw unsupported(uri);
        }
        try {
            return new FileSystemObjectStore(Path.of(uri));
        } catch (InvalidPathException e) {
            throw unsupported(uri);
        }
    }

    /**
     * As {@link #open(String, S3Settings)}, with an S3 store wrapped in a {@link RetryingObjectStore}
     * that follows {@code retry}. A filesystem store is not: its failures (a full disk, a missing
     * mount) do not pass by waiting.
     */
    public static ObjectStore open(String repositoryUri, S3Settings s3, RetryPolicy retry) {
        ObjectStore store = open(repositoryUri, s3);
        return store instanceof S3ObjectStore ? RetryingObjectStore.wrap(store, retry) : store;
    }

    private static ObjectStore openS3(String uri, S3Settings settings) {
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : stripSlashes(rest.substring(slash + 1));
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new PromdrException(ErrorCode.USAGE, "invalid S3 bucket name '" + bucket + "' in repository URI " + uri,
                    "bucket names are 3-63 lowercase letters, digits, dots and hyphens; " + ACCEPTED);
        }
        if (!prefix.isEmpty() && !ObjectKeys.isValid(prefix)) {
            throw new PromdrException(ErrorCode.USAGE, "invalid key prefix '" + prefix + "' in repository URI " + uri,
                    "the prefix is '/'-separated names without empty, '.' or '..' parts; " + ACCEPTED);
        }
        return new S3ObjectStore(S3ClientFactory.create(settings), bucket, prefix, settings.partSizeBytes());
    }

    /** {@code file:///abs/dir} (or {@code file:/abs/dir}); a host or a relative path is refused. */
    private static Path fileUriPath(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (parsed.getAuthority() != null || parsed.getPath() == null || !parsed.getPath().startsWith("/")) {
                throw unsupported(uri);
            }
            return Path.of(parsed);
        } catch (IllegalArgumentException e) {
            // Not a well-formed URI (e.g. an unencoded space): take the text after "file://" as the path.
            String path = uri.startsWith("file://") ? uri.substring("file://".length()) : "";
            if (!path.startsWith("/")) {
                throw unsupported(uri);
            }
            try {
                return Path.of(path);
            } catch (InvalidPathException invalid) {
                throw unsupported(uri);
            }
        }
    }

    private static PromdrException unsupported(String uri) {
        return new PromdrException(ErrorCode.USAGE, "unsupported repository URI " + uri, ACCEPTED);
    }

    /** A URI must never carry credentials; if one does, keep them out of every message. */
    private static String redactUserInfo(String uri) {
        return USER_INFO.matcher(uri).replaceFirst("$1***@");
    }

    private static String stripSlashes(String prefix) {
        int start = 0;
        int end = prefix.length();
        while (start < end && prefix.charAt(start) == '/') {
            start++;
        }
        while (end > start && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return prefix.substring(start, end);
    }
}
