package io.promdr.restore.drill;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Prometheus the query check starts: the configured one, else {@code prometheus} on the PATH. */
final class PrometheusBinary {
    static final String NAME = "prometheus";
    private static final String HINT = "install Prometheus (Debian: apt-get install prometheus) or give its path with"
            + " --prometheus-binary (drill.prometheusBinary)";

    private PrometheusBinary() {
    }

    /**
     * @param configured a path, a bare program name looked up on the PATH, or null for {@value #NAME}
     * @param pathVariable the PATH to search
     */
    static Path locate(Path configured, String pathVariable) {
        Path wanted = configured == null ? Path.of(NAME) : configured;
        if (wanted.getNameCount() > 1 || wanted.isAbsolute()) {
            if (!Files.isRegularFile(wanted) || !Files.isExecutable(wanted)) {
                throw new PromdrException(ErrorCode.DRILL_PROMETHEUS_NOT_FOUND,
                        "Prometheus binary " + wanted + " is not an executable file", HINT);
            }
            return wanted.toAbsolutePath();
        }
        for (String dir : (pathVariable == null ? "" : pathVariable).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir).resolve(wanted);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        }
        throw new PromdrException(ErrorCode.DRILL_PROMETHEUS_NOT_FOUND,
                "no " + wanted + " binary on the PATH: the drill's query check needs one", HINT);
    }
}
