package io.promdr.deploy;

import io.promdr.core.testing.ExternalBinary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The programs the deployment tests run: kustomize (scripts/setup.sh installs it) and the packaged promdr jar. */
final class Commands {
    private Commands() {
    }

    /** {@code kustomize build DIR}. */
    static String kustomize(Path dir) {
        return run(List.of(ExternalBinary.locate("KUSTOMIZE", "kustomize").toString(), "build", dir.toString()), dir);
    }

    /** The packaged CLI (built by the cli module before this one), with an environment of its own. */
    static String promdr(Path workDir, String... args) {
        if (!Files.isRegularFile(DeployFiles.JAR)) {
            throw new IllegalStateException(DeployFiles.JAR + " is missing: build the cli module first (mvn verify does)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", DeployFiles.JAR.toString()));
        command.addAll(List.of(args));
        return run(command, workDir);
    }

    private static String run(List<String> command, Path workDir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(false);
            builder.environment().keySet().removeIf(k -> k.startsWith("PROMDR_"));
            builder.environment().put("HOME", workDir.toString());
            builder.environment().put("PROMDR_STATE_DIR", workDir.resolve("state").toString());
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
