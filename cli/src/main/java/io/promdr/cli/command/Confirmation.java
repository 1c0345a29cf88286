package io.promdr.cli.command;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Asks before a destructive action. On a terminal the user types {@code yes}; anything else
 * (or end of input) declines. Without a terminal nobody can answer, so the action needs
 * {@code --yes} on the command line. Either way a refusal is NOT_CONFIRMED (exit 101) and
 * nothing was changed.
 */
final class Confirmation {
    private final BooleanSupplier terminal;
    private final Supplier<String> readLine;
    private final PrintWriter prompt;

    Confirmation(BooleanSupplier terminal, Supplier<String> readLine, PrintWriter prompt) {
        this.terminal = terminal;
        this.readLine = readLine;
        this.prompt = prompt;
    }

    /** Asks on the process' console when there is one; prompts go to {@code prompt} (stderr). */
    static Confirmation system(PrintWriter prompt) {
        return new Confirmation(() -> System.console() != null, () -> {
            Console console = System.console();
            return console == null ? null : console.readLine();
        }, prompt);
    }

    /**
     * Returns when the action may go ahead; throws NOT_CONFIRMED otherwise.
     *
     * @param what     the action and its consequence, one line ("replace 3 blocks in /srv/prom")
     * @param yesGiven --yes was given
     */
    void require(String what, boolean yesGiven) {
        if (yesGiven) {
            return;
        }
        if (!terminal.getAsBoolean()) {
            throw new PromdrException(ErrorCode.NOT_CONFIRMED, "not confirmed: " + what,
                    "no terminal to ask on: pass --yes to confirm (check the plan first with --dry-run)");
        }
        prompt.print("promdr will " + what + ". Type yes to continue: ");
        prompt.flush();
        String answer = readLine.get();
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
            throw new PromdrException(ErrorCode.NOT_CONFIRMED, "not confirmed: " + what,
                    "nothing was changed; answer yes, or pass --yes");
        }
    }
}
