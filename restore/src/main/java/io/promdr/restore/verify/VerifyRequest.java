package io.promdr.restore.verify;

/**
 * What to verify.
 *
 * @param backup   a backup id, a unique prefix, {@code latest}, or {@value #ALL} for every backup
 * @param source   restrict to one source, or null for all
 * @param readData the objects to download and check byte for byte, or null to check only that they exist with their sizes
 */
public record VerifyRequest(String backup, String source, DataSubset readData) {
    public static final String ALL = "all";
}
