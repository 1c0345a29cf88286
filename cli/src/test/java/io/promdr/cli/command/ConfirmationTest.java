package io.promdr.cli.command;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The confirmation of destructive actions: only "yes" on a terminal, or --yes, lets them through. */
class ConfirmationTest {
    private final StringWriter prompt = new StringWriter();

    @Test
    void yesOnTheTerminalConfirms() {
        new Confirmation(() -> true, () -> " YES ", new PrintWriter(prompt)).require("replace 2 blocks in /d", false);
        assertThat(prompt.toString()).isEqualTo("promdr will replace 2 blocks in /d. Type yes to continue: ");
    }

    @Test
    void anythingElseOrEndOfInputDeclines() {
        for (String answer : new String[] {"y", "no", "", null}) {
            assertThatThrownBy(() -> new Confirmation(() -> true, () -> answer, new PrintWriter(prompt))
                    .require("replace 2 blocks in /d", false))
                    .isInstanceOfSatisfying(PromdrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CONFIRMED);
                        assertThat(e.userMessage()).isEqualTo("not confirmed: replace 2 blocks in /d — hint: nothing was "
                                + "changed; answer yes, or pass --yes");
                    });
        }
    }

    @Test
    void withoutATerminalOnlyYesOptionConfirmsAndNothingIsAsked() {
        new Confirmation(() -> false, () -> {
            throw new AssertionError("asked");
        }, new PrintWriter(prompt)).require("x", true);
        assertThatThrownBy(() -> new Confirmation(() -> false, () -> "yes", new PrintWriter(prompt)).require("x", false))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_CONFIRMED));
        assertThat(prompt.toString()).isEmpty();
    }
}
