package io.promdr.cli.error;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.util.function.BooleanSupplier;

/** Failures of a running command go through {@link ErrorReporter}. */
public final class ExecutionErrorHandler implements IExecutionExceptionHandler {
    private final BooleanSupplier verbose;

    public ExecutionErrorHandler(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return ErrorReporter.report(ex, cmd.getErr(), verbose.getAsBoolean());
    }
}
