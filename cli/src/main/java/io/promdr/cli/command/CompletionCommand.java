package io.promdr.cli.command;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code promdr completion bash|zsh}: the shell completion script, generated from the command definitions. */
@Command(name = "completion", sortOptions = false,
        description = {"Print the shell completion script for bash or zsh.",
                "Generated from promdr's own command definitions (picocli AutoComplete): commands, options and their",
                "values (-o table|json, --progress ...) complete. The command name completed is promdr: install a",
                "wrapper or alias of that name (e.g. alias promdr='java -jar /opt/promdr/promdr.jar')."})
final class CompletionCommand extends PromdrSubcommand {

    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    void run() {
        CommandLine root = spec.root().commandLine();
        String script = AutoComplete.bash("promdr", root);
        if (shell == Shell.zsh) {
            // picocli's script is bash; zsh runs it through its bash completion emulation. The file
            // works both sourced and as _promdr in $fpath: compinit only when it has not run yet (never
            // from inside a completion), and when autoloaded the first TAB is completed too.
            out().println("#compdef promdr");
            out().println("(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }");
            out().println("autoload -U +X bashcompinit && bashcompinit");
        }
        out().print(script);
        if (shell == Shell.zsh) {
            out().println("# Loaded from $fpath as the completion function _promdr (compinit): complete this first call too.");
            out().println("[[ ${funcstack[1]} == _promdr ]] && eval \"${_comps[promdr]}\"");
        }
        out().flush();
    }
}
