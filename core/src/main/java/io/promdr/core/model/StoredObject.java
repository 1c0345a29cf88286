package io.promdr.core.model;

/** A repository object as the manifest records it: key (relative to the repository root), size and SHA-256 of its bytes. */
public record StoredObject(String key, long size, String sha256) {
}
