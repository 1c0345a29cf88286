package io.promdr.cli.help;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Man pages (troff, man macros, section 1) generated from the picocli command model, so that
 * they never disagree with --help: name and description, synopsis, options, arguments, and the
 * examples and exit codes of the help footer ({@link CommandHelp}).
 */
public final class ManPages {
    private final CommandSpec root;
    private final String version;

    /** One page: {@code promdr.1} or {@code promdr-<command>.1}. */
    public record Page(String name, String fileName, String troff) {
    }

    public ManPages(CommandSpec root, String version) {
        this.root = root;
        this.version = version;
    }

    /** The page of promdr itself first, then one per command (and sub-command), in the order of --help. */
    public List<Page> all() {
        List<Page> pages = new ArrayList<>();
        collect(root, pages);
        return pages;
    }

    private void collect(CommandSpec spec, List<Page> pages) {
        pages.add(page(spec));
        for (CommandLine sub : spec.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden() && sub.getCommandSpec().parent() == spec) {
                collect(sub.getCommandSpec(), pages);
            }
        }
    }

    private Page page(CommandSpec spec) {
        String name = spec.qualifiedName("-");
        StringBuilder t = new StringBuilder();
        t.append(".TH \"").append(name.toUpperCase(Locale.ROOT)).append("\" \"1\" \"\" \"").append(escape(version))
                .append("\" \"promdr manual\"\n");
        t.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(firstLine(spec))).append('\n');
        t.append(".SH SYNOPSIS\n.nf\n").append(escapeLines(synopsis(spec))).append(".fi\n");
        t.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            t.append(escapeLine(line)).append('\n');
        }
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            t.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                t.append(".TP\n.B ").append(escape(p.paramLabel())).append('\n')
                        .append(escapeLine(String.join(" ", p.description()))).append('\n');
            }
        }
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            t.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                t.append(".TP\n.B ").append(escape(String.join(", ", o.names())));
                if (o.arity().max() > 0) {
                    t.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
                }
                t.append('\n').append(escapeLine(String.join(" ", o.description())
                        .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue())))).append('\n');
            }
        }
        if (!spec.subcommands().isEmpty()) {
            t.append(".SH COMMANDS\n");
            for (CommandLine sub : spec.subcommands().values()) {
                CommandSpec s = sub.getCommandSpec();
                if (s.parent() == spec && !s.usageMessage().hidden()) {
                    t.append(".TP\n.BR ").append(escape(s.qualifiedName("-"))).append(" (1)\n")
                            .append(escapeLine(firstLine(s))).append('\n');
                }
            }
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            t.append(".SH \"EXAMPLES AND EXIT CODES\"\n.nf\n");
            for (String line : footer) {
                t.append(escapeLine(line)).append('\n');
            }
            t.append(".fi\n");
        }
        t.append(".SH \"SEE ALSO\"\n").append(spec == root ? "The documentation in docs/ of the promdr sources."
                : ".BR promdr (1)").append('\n');
        return new Page(name, name + ".1", t.toString());
    }

    private static String synopsis(CommandSpec spec) {
        CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return help.synopsis(0);
    }

    private static String firstLine(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        return description.length == 0 ? spec.name() : description[0];
    }

    private static String escapeLines(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.append(escapeLine(line)).append('\n');
            }
        }
        return out.toString();
    }

    /** One line of running text: escaped, and protected from being read as a request when it starts with . or '. */
    private static String escapeLine(String line) {
        String escaped = escape(line);
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\e").replace("-", "\\-");
    }
}
