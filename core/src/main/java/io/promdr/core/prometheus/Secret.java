package io.promdr.core.prometheus;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A password or token, given by value (from an environment variable) or by file. A file is read
 * again at every {@link #read()}, trimmed, so that a rotated Kubernetes secret or service-account
 * token is picked up without a restart. Never shown: {@link #toString()} names only its origin.
 */
public final class Secret {
    private final String value;
    private final Path file;
    private final String origin;

    private Secret(String value, Path file, String origin) {
        this.value = value;
        this.file = file;
        this.origin = origin;
    }

    /** @param origin where the value came from, for messages (e.g. PROMDR_PROMETHEUS_PASSWORD) */
    public static Secret of(String value, String origin) {
        return new Secret(value, null, origin);
    }

    /** @param key the configuration key that names the file (e.g. prometheus.bearerTokenFile) */
    public static Secret fromFile(Path file, String key) {
        return new Secret(null, file, key);
    }

    /** The value now: the file's content, trimmed; a missing, unreadable or empty file is a configuration error. */
    public String read() {
        if (file == null) {
            return value;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, origin + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")", "check the path and that promdr may read the file");
        }
        if (content.isEmpty()) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, origin + ": " + file + " is empty",
                    "write the secret into the file (a trailing newline is fine)");
        }
        return content;
    }

    /** Where the secret comes from: the configuration key and file, or the variable; never the value. */
    public String origin() {
        return file == null ? origin : origin + " (" + file + ")";
    }

    @Override
    public String toString() {
        return "Secret[" + origin() + "]";
    }
}
