package io.promdr.core.store;

/** Opens the store a repository URI names: {@code file:///abs/dir} (or a plain path) or {@code s3://bucket[/prefix]}. */
public final class ObjectStores {
    private ObjectStores() {
    }

    /** Unknown schemes and malformed URIs raise USAGE naming the URI, with the accepted forms as hint. */
    public static ObjectStore open(String repositoryUri, S3Settings s3) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
