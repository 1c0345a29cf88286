package io.promdr.cli.error;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.PrintWriter;

/**
 * The one place that turns a failure into what the user sees and the process exit code
 * (docs/exit-codes.md):
 * <ul>
 *   <li>{@link PromdrException}, also when wrapped (Spring, Spring Batch, the SDKs wrap freely):
 *       {@code error: <message> — hint: <hint>} on one line, exit {@link ErrorCode#exitCode()};</li>
 *   <li>anything else: {@code error: internal error: <class>: <message> (run with -v for the stack trace)},
 *       exit 70.</li>
 * </ul>
 * With {@code -v} the stack trace follows the line.
 */
public final class ErrorReporter {
    private static final int MAX_CAUSE_DEPTH = 20;

    private ErrorReporter() {
    }

    /** Prints the failure to {@code err} and returns the exit code. */
    public static int report(Throwable failure, PrintWriter err, boolean verbose) {
        PromdrException user = findPromdrException(failure);
        if (user != null) {
            err.println("error: " + oneLine(user.userMessage()));
        } else {
            err.println("error: internal error: " + failure.getClass().getName() + ": " + oneLine(String.valueOf(failure.getMessage()))
                    + (verbose ? "" : " (run with -v for the stack trace)"));
        }
        if (verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exitCode(failure);
    }

    /** The exit code of a failure, without printing anything. */
    public static int exitCode(Throwable failure) {
        PromdrException user = findPromdrException(failure);
        return user != null ? user.code().exitCode() : ErrorCode.INTERNAL.exitCode();
    }

    /** The PromdrException in the cause chain of {@code failure}, or null. */
    public static PromdrException findPromdrException(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (t instanceof PromdrException p) {
                return p;
            }
            t = t.getCause();
        }
        return null;
    }

    /** Messages are one line by contract; this keeps a stray newline from breaking scripts that read stderr. */
    static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
