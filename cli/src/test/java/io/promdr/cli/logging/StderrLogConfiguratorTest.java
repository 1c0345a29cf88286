package io.promdr.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** promdr's logging without a logback.xml: the same stderr appender, pattern and level the XML gave. */
class StderrLogConfiguratorTest {

    @Test
    void logsAtWarnToStderrWithTheTextPattern() {
        LoggerContext context = new LoggerContext();
        StderrLogConfigurator.apply(context);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        Appender<ILoggingEvent> appender = root.getAppender(StderrLogConfigurator.APPENDER_NAME);
        assertThat(appender).isInstanceOfSatisfying(ConsoleAppender.class, console -> {
            assertThat(console.getTarget()).isEqualTo("System.err");
            assertThat(console.isStarted()).isTrue();
            assertThat(console.getEncoder()).isInstanceOfSatisfying(LayoutWrappingEncoder.class, encoder ->
                    assertThat(((PatternLayout) encoder.getLayout()).getPattern()).isEqualTo(LogOutput.TEXT_PATTERN));
        });
        context.stop();
    }

    @Test
    void logbackFindsItThroughTheServiceLoader() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(StderrLogConfigurator.class.getName());
        }
    }
}
