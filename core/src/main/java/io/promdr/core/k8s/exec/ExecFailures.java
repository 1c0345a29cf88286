package io.promdr.core.k8s.exec;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.util.Locale;

/** Names what went wrong with a command in the container, with a hint for the usual causes. */
final class ExecFailures {
    private ExecFailures() {
    }

    static PromdrException failed(PodExec exec, String what, ExecProcess.Result result) {
        String stderr = oneLine(result.stderr());
        String lower = stderr.toLowerCase(Locale.ROOT);
        String hint;
        if (result.exitCode() == 127 || lower.contains("not found") && (lower.contains("tar") || lower.contains("executable"))) {
            hint = "the Prometheus image has no tar (or no sh): use an image with a shell and tar (the official"
                    + " prom/prometheus busybox image has both), a sidecar with access local, or access volume-snapshot";
        } else if (lower.contains("permission denied")) {
            hint = "the container's user cannot read the data directory: check the pod's securityContext"
                    + " (runAsUser/fsGroup) against the owner of --storage.tsdb.path";
        } else {
            hint = "rerun with -v; the command ran in " + exec.describe();
        }
        return new PromdrException(ErrorCode.KUBERNETES_EXEC_FAILED, what + " in " + exec.describe() + " failed (exit code "
                + result.exitCode() + ")" + (stderr.isEmpty() ? "" : ": " + stderr), hint);
    }

    static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() > 400 ? line.substring(line.length() - 400) : line;
    }
}
