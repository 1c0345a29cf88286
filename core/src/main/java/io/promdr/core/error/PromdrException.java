package io.promdr.core.error;

/**
 * A failure the user can act on: one line that names the thing at fault, plus a hint.
 *
 * <p>The CLI prints {@code error: <message> — hint: <hint>} and exits with
 * {@link ErrorCode#exitCode()}; no stack trace is shown for these. Messages must never contain
 * secrets (credentials, tokens, signed URLs).
 */
public class PromdrException extends RuntimeException {
    private final ErrorCode code;
    private final String hint;

    public PromdrException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    public PromdrException(ErrorCode code, String message, String hint, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.hint = hint;
    }

    public ErrorCode code() {
        return code;
    }

    /** What to do about it; may be null when there is nothing useful to say. */
    public String hint() {
        return hint;
    }

    /** The single line shown to users. */
    public String userMessage() {
        return hint == null || hint.isBlank() ? getMessage() : getMessage() + " — hint: " + hint;
    }
}
