package io.promdr.cli.command;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Log levels from {@code -v} / {@code -q}: WARN by default, INFO with -v, ERROR with -q.
 *
 * <p>Spring and Spring Batch log a failing step or context at ERROR with a stack trace; the CLI
 * reports every failure itself on one line, so without -v their loggers are switched off.
 */
final class LogLevels {
    private static final String[] FRAMEWORK_LOGGERS = {"org.springframework", "com.zaxxer.hikari"};

    private LogLevels() {
    }

    static void apply(boolean verbose, boolean quiet) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Level root = verbose ? Level.INFO : quiet ? Level.ERROR : Level.WARN;
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(root);
        for (String name : FRAMEWORK_LOGGERS) {
            context.getLogger(name).setLevel(verbose ? Level.INFO : Level.OFF);
        }
    }
}
