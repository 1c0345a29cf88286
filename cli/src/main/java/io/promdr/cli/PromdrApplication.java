package io.promdr.cli;

import io.promdr.cli.command.CliEnvironment;
import io.promdr.cli.command.RootCommand;
import io.promdr.cli.error.ErrorReporter;
import io.promdr.cli.error.ExecutionErrorHandler;
import io.promdr.cli.error.ParameterErrorHandler;
import io.promdr.cli.help.CommandHelp;
import io.promdr.cli.logging.LogKeys;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;

/**
 * The {@code promdr} executable. {@link #execute} is the whole program short of
 * {@link System#exit}, so tests run exactly what users run.
 *
 * <p>Parsing happens before any Spring context exists: {@code --help}, {@code --version} and
 * usage errors answer at once, and only backup and restore start the job context.
 */
public final class PromdrApplication {
    private PromdrApplication() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv()));
    }

    /** Runs one command with stdout and stderr of this process; returns the exit code (docs/exit-codes.md). */
    public static int execute(String[] args, Map<String, String> env) {
        return execute(args, CliEnvironment.of(env));
    }

    public static int execute(String[] args, CliEnvironment environment) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        try {
            CommandLine cli = new CommandLine(new RootCommand(environment))
                    .setOut(out)
                    .setErr(err)
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setParameterExceptionHandler(new ParameterErrorHandler())
                    .setExecutionExceptionHandler(new ExecutionErrorHandler(() -> verbose));
            CommandHelp.apply(cli);
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            // A failure outside a command (building the command model): still one line and exit 70.
            return ErrorReporter.report(e, err, verbose);
        } finally {
            // In-process runs (tests) must not see the job and source of the run before.
            LogKeys.clear();
            out.flush();
            err.flush();
        }
    }
}
