package io.promdr.core.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds an external program the tests drive (promtool, prometheus): an env override, else the PATH. */
public final class ExternalBinary {
    private ExternalBinary() {
    }

    /**
     * The program named by env {@code envVar} if set, else {@code name} found on the PATH.
     *
     * @throws IllegalStateException saying how to provide it, when it cannot be found
     */
    public static Path locate(String envVar, String name) {
        String override = System.getenv(envVar);
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(envVar + "=" + override + " is not an executable file");
            }
            return path;
        }
        String pathVar = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " not found on the PATH: install it (Debian package `prometheus`)"
                + " or set " + envVar + " to its path");
    }
}
