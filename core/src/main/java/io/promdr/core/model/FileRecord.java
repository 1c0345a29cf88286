package io.promdr.core.model;

/** One file of a block as stored: path relative to the block directory ("chunks/000001"), size, SHA-256 (lower-case hex). */
public record FileRecord(String path, long size, String sha256) {
}
