package io.promdr.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.MDC;

import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line (docs/schemas/log-line.schema.json): {@code time} (RFC 3339 UTC),
 * {@code level}, {@code logger}, {@code thread}, {@code message}, the MDC keys of
 * {@link LogKeys} when set (jobId, job, source, backupId), and {@code exception} with its stack
 * trace when there is one.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String doLayout(ILoggingEvent event) {
        ObjectNode line = base(event.getInstant(), event.getLevel().toString(), event.getLoggerName(),
                event.getThreadName(), event.getFormattedMessage(), event.getMDCPropertyMap());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.put("exception", ThrowableProxyUtil.asString(thrown));
        }
        return write(line);
    }

    /** A line in the same shape for text promdr writes itself (progress), with the current thread's MDC. */
    public static String line(String level, String logger, String message) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        return write(base(Instant.now(), level, logger, Thread.currentThread().getName(), message,
                mdc == null ? Map.of() : mdc));
    }

    private static ObjectNode base(Instant time, String level, String logger, String thread, String message,
                                   Map<String, String> mdc) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", time.toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("thread", thread);
        line.put("message", message);
        for (String key : new String[] {LogKeys.JOB_ID, LogKeys.JOB, LogKeys.SOURCE, LogKeys.BACKUP_ID}) {
            String value = mdc.get(key);
            if (value != null) {
                line.put(key, value);
            }
        }
        return line;
    }

    private static String write(ObjectNode line) {
        try {
            return JSON.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a log line as JSON", e);
        }
    }
}
