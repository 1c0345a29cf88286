package io.promdr.core.k8s.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link PodExec} that runs the commands as local processes: the "container" is this machine,
 * so the tar streaming above the exec API runs for real (real tar, real sh) in tests, without a
 * Kubernetes API server. {@code environment} replaces variables of the child (e.g. a PATH without tar).
 */
public final class LocalProcessExec implements PodExec {
    private final Map<String, String> environment;

    public LocalProcessExec() {
        this(Map.of());
    }

    public LocalProcessExec(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public ExecProcess start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(resolve(command)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = process.getErrorStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new ExecProcess() {
            @Override
            public InputStream stdout() {
                return process.getInputStream();
            }

            @Override
            public Result finish() throws IOException {
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        throw new IOException(command.get(0) + " did not exit");
                    }
                    return new Result(process.exitValue(), stderr.get(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException(e);
                }
            }

            @Override
            public void close() {
                process.destroy();
            }
        };
    }

    /** Looks the program up in the child's PATH, as a container would (Java would use this JVM's PATH). */
    private List<String> resolve(List<String> command) {
        String path = environment.get("PATH");
        if (path == null || command.get(0).contains("/")) {
            return command;
        }
        for (String dir : path.split(":")) {
            java.nio.file.Path candidate = java.nio.file.Path.of(dir, command.get(0));
            if (java.nio.file.Files.isExecutable(candidate)) {
                List<String> resolved = new java.util.ArrayList<>(command);
                resolved.set(0, candidate.toString());
                return resolved;
            }
        }
        return command;
    }

    @Override
    public String describe() {
        return "local process";
    }
}
