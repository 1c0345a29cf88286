package io.promdr.cli.command;

import io.promdr.cli.output.HumanFormat;
import io.promdr.cli.progress.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The shape every command follows (STYLE.md item 8): options, {@link #run()} that validates
 * them, calls one service and prints the result. Failures are thrown, never printed here: the
 * one error mapper (io.promdr.cli.error.ErrorReporter) reports them.
 */
abstract class PromdrSubcommand implements Callable<Integer> {
    /** The top command, whose global options every command reads (found through the spec: a nested command's parent is not it). */
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        root = (RootCommand) spec.root().userObject();
        root.prepare();
        run();
        return 0;
    }

    abstract void run() throws Exception;

    /** Command output (stdout). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Warnings (stderr), shown even with --quiet. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Progress and summaries: stdout unless --quiet. */
    void say(String line) {
        if (!root.quiet()) {
            out().println(line);
            out().flush();
        }
    }

    /** Progress of long work on stderr (bar or log lines, see {@link Progress}); close it when the work ends. */
    Progress.ProgressListenerHandle progress(String operation) {
        return Progress.start(operation, root.progress(), root.quiet(), root.verbose(), () -> System.console() != null, err());
    }

    HumanFormat humanFormat() {
        return new HumanFormat(root.environment().zone());
    }
}
