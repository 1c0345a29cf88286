package io.promdr.cli.error;

import io.promdr.core.error.ErrorCode;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/** Command-line syntax errors: one line naming the problem and the help command, exit 2 (USAGE). */
public final class ParameterErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        StringBuilder line = new StringBuilder("error: ").append(ErrorReporter.oneLine(String.valueOf(ex.getMessage())));
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
        }
        line.append(" — hint: see `").append(cmd.getCommandSpec().qualifiedName()).append(" --help`");
        err.println(line);
        err.flush();
        return ErrorCode.USAGE.exitCode();
    }
}
