package io.promdr.core.k8s.exec;

import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Runs a command in the container and hands its stdout to {@code work}, then requires exit code 0.
 * When {@code work} fails on the stream (a short or unexpected tar stream), the rest of the output
 * is drained so the command ends on its own: if it failed too (permission denied, file gone), its
 * stderr explains the stream better and is what gets reported.
 */
final class ExecStreams {
    interface StreamWork<T> {
        T read(InputStream stdout) throws IOException;
    }

    private ExecStreams() {
    }

    static <T> T read(PodExec exec, List<String> command, String what, StreamWork<T> work) throws IOException {
        try (ExecProcess process = exec.start(command)) {
            InputStream stdout = process.stdout();
            T result;
            try {
                result = work.read(stdout);
                stdout.transferTo(OutputStream.nullOutputStream());
            } catch (PromdrException | IOException e) {
                ExecProcess.Result ended = drainAndFinish(stdout, process);
                if (ended != null && !ended.ok()) {
                    PromdrException failure = ExecFailures.failed(exec, what, ended);
                    failure.addSuppressed(e);
                    throw failure;
                }
                throw e;
            }
            stdout.close();
            ExecProcess.Result ended = process.finish();
            if (!ended.ok()) {
                throw ExecFailures.failed(exec, what, ended);
            }
            return result;
        }
    }

    private static ExecProcess.Result drainAndFinish(InputStream stdout, ExecProcess process) {
        try {
            stdout.transferTo(OutputStream.nullOutputStream());
            stdout.close();
            return process.finish();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
