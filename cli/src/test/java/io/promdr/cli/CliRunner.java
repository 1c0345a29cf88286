package io.promdr.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs promdr in-process through {@link PromdrApplication#execute}, the entry point of main,
 * capturing everything written to stdout and stderr (command output and logs alike).
 */
public final class CliRunner {
    private final Map<String, String> env = new HashMap<>();

    /** A runner whose environment holds only {@code HOME} and what tests add, so the machine's PROMDR_* never leak in. */
    public CliRunner(Map<String, String> env) {
        // Progress lines depend on how long a run takes (a loaded machine crosses the 5 s mark): off,
        // so that tests can require an empty stderr; progress has tests of its own (TerminalIT).
        this.env.put("PROMDR_PROGRESS", "none");
        this.env.putAll(env);
    }

    public CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Result run(String... args) {
        return run(List.of(args));
    }

    public synchronized Result run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = PromdrApplication.execute(args.toArray(String[]::new), env);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Result result = new Result(args, code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        oldErr.println("$ promdr " + String.join(" ", args) + "  -> exit " + code);
        return result;
    }

    /** What one run printed and returned. */
    public record Result(List<String> args, int exitCode, String out, String err) {
        /** Everything the run printed, for secret checks. */
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "promdr " + String.join(" ", args) + " -> exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
