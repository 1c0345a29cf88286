package io.promdr.cli.help;

import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promdr completion zsh} in a real zsh (the Debian package, which scripts/setup.sh
 * installs): an interactive zsh on a pseudo-terminal (zsh's own zpty module) sources the script,
 * a line is typed followed by TAB, and the matches zsh's completion system adds are read back
 * (compadd is wrapped to print them). Fails, never skips, when zsh is missing.
 */
class ZshCompletionTest {
    /**
     * Drives an interactive {@code zsh -f -i} through zpty: $1 how the completion is installed (zsh
     * code), $2 the line typed before TAB. The markers are computed ($((40+2))) so that the echo of the typed text
     * never matches them.
     */
    private static final String DRIVER = """
            zmodload zsh/zpty || exit 3
            zpty z 'zsh -f -i'
            zpty -w z "$1; print SOURCED\\$((40+2))"
            zpty -r z out '*SOURCED42*' || exit 4
            zpty -w z 'compadd() { local -a __hits; builtin compadd -A __hits "$@"; local h; for h in $__hits; do print -r -- "HIT:$h"; done; builtin compadd "$@"; }'
            zpty -w z 'comppostfuncs=(__done); __done() { print -r -- "COMPLETED$((40+2))"; }; print DEFINED$((40+2))'
            zpty -r z out '*DEFINED42*' || exit 5
            zpty -w -n z "$2"$'\\t'
            zpty -r z out '*COMPLETED42*' || exit 6
            print -r -- "$out" | tr '\\r' '\\n' | grep -a '^.*HIT:' | sed 's/^.*HIT://'
            zpty -d z
            """;

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner(Map.of("HOME", "/nonexistent"));

    @Test
    void theZshScriptCompletesCommandsOptionsAndValuesInARealZsh() throws Exception {
        Result script = cli.run("completion", "zsh");
        assertThat(script.exitCode()).as(script.toString()).isZero();
        Path file = Files.writeString(dir.resolve("_promdr.zsh"), script.out());

        String sourced = "source '" + file + "'";
        assertThat(complete(sourced, "promdr dr")).containsExactly("drill");
        assertThat(complete(sourced, "promdr do")).containsExactly("doctor");
        assertThat(complete(sourced, "promdr restore --ye")).containsExactly("--yes");
        assertThat(complete(sourced, "promdr list -o ")).containsExactlyInAnyOrder("table", "json");
        assertThat(complete(sourced, "promdr completion ")).containsExactlyInAnyOrder("bash", "zsh");
    }

    /** As docs/cli.md installs it: the file as _promdr in $fpath, found by compinit; the very first TAB completes. */
    @Test
    void asAnAutoloadedFunctionInFpathTheFirstTabCompletes() throws Exception {
        Path fpath = Files.createDirectories(dir.resolve("functions"));
        Files.writeString(fpath.resolve("_promdr"), cli.run("completion", "zsh").out());
        String installed = "fpath=('" + fpath + "' $fpath); autoload -U compinit; compinit -u -D";

        assertThat(complete(installed, "promdr dr")).containsExactly("drill");
        assertThat(complete(installed, "promdr verify --progress ")).containsExactlyInAnyOrder("auto", "bar", "log", "none");
    }

    @Test
    void theFunctionIsRegisteredForPromdr() throws Exception {
        Path file = Files.writeString(dir.resolve("_promdr.zsh"), cli.run("completion", "zsh").out());
        ProcessBuilder builder = new ProcessBuilder(zsh(), "-f", "-c",
                "source \"$1\"; print -r -- \"${_comps[promdr]}\"; whence -w _complete_promdr", "zsh", file.toString())
                .redirectErrorStream(true);
        builder.environment().put("HOME", dir.toString());
        Process zsh = builder.start();
        assertThat(zsh.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(zsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(zsh.exitValue()).as(out).isZero();
        assertThat(out).contains("_complete_promdr").contains("_complete_promdr: function");
    }

    /** The matches zsh's completion adds for {@code line} followed by TAB. */
    private List<String> complete(String install, String line) throws IOException, InterruptedException {
        Path driver = Files.writeString(dir.resolve("driver.zsh"), DRIVER);
        ProcessBuilder builder = new ProcessBuilder(zsh(), "-f", driver.toString(), install, line)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // compinit writes its dump file into $HOME: keep it in the test directory.
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("ZDOTDIR", dir.toString());
        Process zsh = builder.start();
        boolean ended = zsh.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            zsh.descendants().forEach(ProcessHandle::destroyForcibly);
            zsh.destroyForcibly();
        }
        assertThat(ended).as("zsh completed \"" + line + "\" in time").isTrue();
        String out = new String(zsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(zsh.exitValue()).as(out).isZero();
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String zsh() {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, "zsh");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("zsh is not installed: scripts/setup.sh installs it (Debian package zsh)");
    }
}
