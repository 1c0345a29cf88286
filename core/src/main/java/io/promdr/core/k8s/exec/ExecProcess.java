package io.promdr.core.k8s.exec;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** A command running in the container: its stdout as a stream, then its exit code and (the end of) its stderr. */
public interface ExecProcess extends Closeable {
    InputStream stdout();

    /**
     * Waits until the command ends (stdout must have been read or closed) and returns its exit
     * code and stderr. An exec the API server refused (no such executable, forbidden) fails
     * with KUBERNETES_EXEC_FAILED or KUBERNETES_FORBIDDEN.
     */
    Result finish() throws IOException;

    /** Stops the command if it still runs. */
    @Override
    void close();

    /**
     * @param exitCode the command's exit code
     * @param stderr   the last few KiB of its stderr
     */
    record Result(int exitCode, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
