package io.promdr.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** {@code promtool check metrics}: Prometheus' own linter of exposition text (names, units, HELP, types). */
public final class Promtool {
    private Promtool() {
    }

    /** The result of one lint: promtool's exit code and what it printed (one line per problem). */
    public record Lint(int exitCode, String output) {
    }

    public static Lint checkMetrics(String exposition) {
        try {
            Process process = new ProcessBuilder(ExternalBinary.locate("PROMTOOL", "promtool").toString(), "check", "metrics")
                    .redirectErrorStream(true).start();
            try (var in = process.getOutputStream()) {
                in.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool check metrics did not finish within 60 s");
            }
            return new Lint(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
