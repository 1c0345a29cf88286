package io.promdr.cli.command;

import io.promdr.cli.output.HumanFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@link PromdrSubcommand} for commands one level deeper ({@code promdr snapshots list},
 * {@code promdr k8s permissions}): the root command is found by walking up the parents.
 */
abstract class NestedSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    RootCommand root() {
        CommandSpec s = spec;
        while (s != null && !(s.userObject() instanceof RootCommand)) {
            s = s.parent();
        }
        if (s == null) {
            throw new IllegalStateException("no root command above " + spec.qualifiedName());
        }
        return (RootCommand) s.userObject();
    }

    @Override
    public final Integer call() throws Exception {
        root().prepare();
        run();
        return 0;
    }

    abstract void run() throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void say(String line) {
        if (!root().quiet()) {
            out().println(line);
            out().flush();
        }
    }

    HumanFormat humanFormat() {
        return new HumanFormat(root().environment().zone());
    }
}
