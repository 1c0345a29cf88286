package io.promdr.cli.help;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Help, completion and man pages, all generated from the command definitions: every command's
 * help ends with examples and exit codes; the bash completion script really completes in bash;
 * the man pages render in groff without a warning.
 */
class HelpCompletionManTest {
    private static final List<String> COMMANDS = List.of("init", "backup", "list", "show", "restore", "drill", "verify",
            "doctor", "completion", "man", "prune", "pin", "unpin", "schedule", "schedule list", "schedule run", "schedule exec", "history",
            "k8s", "k8s render", "k8s permissions", "snapshots", "snapshots list", "snapshots create", "snapshots prune",
            "snapshots restore", "key", "key generate");

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner(Map.of("HOME", "/nonexistent"));

    @Test
    void everyCommandsHelpEndsWithExamplesAndExitCodes() {
        for (String command : COMMANDS) {
            Result help = cli.run((command + " --help").split(" "));
            assertThat(help.exitCode()).as(help.toString()).isZero();
            String out = help.out();
            assertThat(out).as(command).contains("\nExamples:\n  ");
            assertThat(out.substring(out.indexOf("Examples:"))).as(command).contains("promdr " + command);
            assertThat(out.indexOf("Examples:")).as(command).isLessThan(out.indexOf("Exit codes:"));
            assertThat(out.strip()).as(command).endsWith("Every code and what to do: docs/exit-codes.md (promdr man: promdr(1)).");
            assertThat(CommandHelp.hasExamples(command)).isTrue();
        }
        assertThat(cli.run("restore", "--help").out()).contains("101 --force not confirmed");
        assertThat(cli.run("doctor", "--help").out()).contains("100 a check failed");
    }

    @Test
    void bashCompletionCompletesCommandsOptionsAndValuesInARealBash() throws Exception {
        Result script = cli.run("completion", "bash");
        assertThat(script.exitCode()).as(script.toString()).isZero();
        Path file = Files.writeString(dir.resolve("promdr.bash"), script.out());
        assertThat(complete(file, "promdr dr")).containsExactly("drill");
        assertThat(complete(file, "promdr do")).containsExactly("doctor");
        assertThat(complete(file, "promdr restore --ye")).containsExactly("--yes");
        assertThat(complete(file, "promdr list -o ")).containsExactlyInAnyOrder("table", "json");
        assertThat(complete(file, "promdr verify --progress ")).containsExactlyInAnyOrder("auto", "bar", "log", "none");
        // picocli names the value lists after the parameter label: two options with one label would share one list.
        assertThat(complete(file, "promdr backup --log-format ")).containsExactlyInAnyOrder("text", "json");
    }

    @Test
    void zshCompletionLoadsTheBashScriptThroughBashcompinit() {
        Result zsh = cli.run("completion", "zsh");
        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out()).startsWith("#compdef promdr\n").contains("bashcompinit && bashcompinit\n")
                .contains(cli.run("completion", "bash").out());
        assertThat(cli.run("completion", "fish").exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
    }

    @Test
    void manPagesRenderWithoutWarningsAndAreNotOverwrittenWithoutForce() throws Exception {
        Result man = cli.run("man", "--dir", dir.toString());
        assertThat(man.exitCode()).as(man.toString()).isZero();
        List<String> pages;
        try (Stream<Path> files = Files.list(dir)) {
            pages = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(pages).contains("promdr.1", "promdr-backup.1", "promdr-restore.1", "promdr-doctor.1", "promdr-man.1")
                .hasSize(COMMANDS.size() + 1);
        for (String page : pages) {
            Rendered r = groff(dir.resolve(page));
            assertThat(r.warnings).as(page).isEmpty();
            assertThat(r.text).as(page).contains("SYNOPSIS").contains("EXAMPLES AND EXIT CODES");
        }
        String restore = groff(dir.resolve("promdr-restore.1")).text;
        assertThat(restore).contains("promdr-restore - Restore a backup into a Prometheus data directory.")
                .contains("--force").contains("--yes").contains("101 --force not confirmed");
        assertThat(groff(dir.resolve("promdr.1")).text).contains("promdr-doctor(1)");

        Result again = cli.run("man", "--dir", dir.toString());
        assertThat(again.exitCode()).isEqualTo(ErrorCode.OUTPUT_DIR_INVALID.exitCode());
        assertThat(again.err()).contains("exists").contains("--force");
        assertThat(cli.run("man", "--dir", dir.toString(), "--force").exitCode()).isZero();
        assertThat(cli.run("man", "--dir", dir.resolve("missing").toString()).exitCode())
                .isEqualTo(ErrorCode.OUTPUT_DIR_INVALID.exitCode());
    }

    /** What bash's completion function offers for {@code line} (completing its last word). */
    private static List<String> complete(Path script, String line) throws IOException, InterruptedException {
        String program = "source \"$1\"; read -ra COMP_WORDS <<< \"$2\"; [[ \"$2\" == *' ' ]] && COMP_WORDS+=('');"
                + " COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$2\"; COMP_POINT=${#2};"
                + " _complete_promdr; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process bash = new ProcessBuilder("bash", "-c", program, "bash", script.toString(), line)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(out).isZero();
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private record Rendered(String text, String warnings) {
    }

    private static Rendered groff(Path page) throws IOException, InterruptedException {
        Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-rLL=200n", page.toString())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        String text = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String warnings = new String(groff.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(groff.waitFor(20, TimeUnit.SECONDS)).isTrue();
        // Drop overstriking (bold, underline) so that assertions read plain text.
        return new Rendered(text.replaceAll(".\b", ""), warnings);
    }
}
