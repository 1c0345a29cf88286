package io.promdr.core.prometheus;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/** Short, human descriptions of why an HTTP request got no answer. */
final class Failures {
    private Failures() {
    }

    static String describe(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out after " + seconds(timeout);
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + seconds(timeout);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
