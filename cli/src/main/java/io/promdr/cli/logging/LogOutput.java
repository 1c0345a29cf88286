package io.promdr.cli.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;

/**
 * Switches the format of promdr's log lines (the stderr appender of {@link StderrLogConfigurator})
 * between the text pattern and {@link JsonLogLayout}. Applied by every command before it logs anything.
 */
public final class LogOutput {
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n";
    private static volatile LogFormat current = LogFormat.text;

    private LogOutput() {
    }

    public static LogFormat current() {
        return current;
    }

    public static synchronized void apply(LogFormat format) {
        current = format;
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                appender.setEncoder(encoder(context, format));
            }
        }
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        if (format == LogFormat.json) {
            JsonLogLayout layout = new JsonLogLayout();
            layout.setContext(context);
            layout.start();
            encoder.setLayout(layout);
        } else {
            PatternLayout layout = new PatternLayout();
            layout.setContext(context);
            layout.setPattern(TEXT_PATTERN);
            layout.start();
            encoder.setLayout(layout);
        }
        encoder.start();
        return encoder;
    }
}
