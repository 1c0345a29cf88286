package io.promdr.cli.error;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorReporterTest {

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCodeExitsWithItsCodeAndOneLine(ErrorCode code) {
        StringWriter err = new StringWriter();
        int exit = ErrorReporter.report(new PromdrException(code, "thing x failed", "do y"), new PrintWriter(err), false);

        assertThat(exit).isEqualTo(code.exitCode());
        assertThat(err.toString()).isEqualTo("error: thing x failed — hint: do y" + System.lineSeparator());
    }

    @Test
    void exitCodesAreTheDocumentedOnes() {
        assertThat(ErrorCode.USAGE.exitCode()).isEqualTo(2);
        assertThat(ErrorCode.CONFIG_INVALID.exitCode()).isEqualTo(3);
        assertThat(ErrorCode.RESTORE_TARGET_NOT_EMPTY.exitCode()).isEqualTo(40);
        assertThat(ErrorCode.INTERNAL.exitCode()).isEqualTo(70);
    }

    @Test
    void findsAPromdrExceptionWrappedByAFramework() {
        PromdrException cause = new PromdrException(ErrorCode.BUCKET_NOT_FOUND, "bucket b not found", "create it");
        RuntimeException wrapped = new IllegalStateException("context failed", new RuntimeException("bean", cause));
        StringWriter err = new StringWriter();

        assertThat(ErrorReporter.report(wrapped, new PrintWriter(err), false)).isEqualTo(23);
        assertThat(err.toString()).isEqualTo("error: bucket b not found — hint: create it" + System.lineSeparator());
    }

    @Test
    void anythingElseIsAnInternalErrorWithoutStackTraceUnlessVerbose() {
        StringWriter quiet = new StringWriter();
        int exit = ErrorReporter.report(new UncheckedIOException("disk\nfull", new java.io.IOException("x")),
                new PrintWriter(quiet), false);
        assertThat(exit).isEqualTo(70);
        assertThat(quiet.toString()).isEqualTo("error: internal error: java.io.UncheckedIOException: disk full"
                + " (run with -v for the stack trace)" + System.lineSeparator());

        StringWriter verbose = new StringWriter();
        ErrorReporter.report(new IllegalStateException("boom"), new PrintWriter(verbose), true);
        assertThat(verbose.toString()).startsWith("error: internal error: java.lang.IllegalStateException: boom\n")
                .contains("\tat io.promdr.cli.error.ErrorReporterTest");
    }

    @Test
    void messageWithoutHintHasNoHintPart() {
        StringWriter err = new StringWriter();
        ErrorReporter.report(new PromdrException(ErrorCode.JOB_FAILED, "job 7 failed", null), new PrintWriter(err), false);
        assertThat(err.toString()).isEqualTo("error: job 7 failed" + System.lineSeparator());
    }
}
