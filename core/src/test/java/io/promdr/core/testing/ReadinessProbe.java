package io.promdr.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Polls a readiness URL of a process the tests started, within a deadline, failing fast if the process dies. */
final class ReadinessProbe {
    private ReadinessProbe() {
    }

    /**
     * Returns once {@code url} answers HTTP 200.
     *
     * @throws IllegalStateException with {@code logTail} when the process exits or the deadline passes
     */
    static void await(URI url, Process process, Supplier<String> logTail, Duration timeout, Duration interval) {
        await(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), null, process, logTail,
                timeout, interval);
    }

    /** As {@link #await(URI, Process, Supplier, Duration, Duration)}, with this client (e.g. trusting a test CA) and Authorization header (or null). */
    static void await(URI url, HttpClient http, String authorization, Process process, Supplier<String> logTail,
                      Duration timeout, Duration interval) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        String[] lastAnswer = {"no answer"};
        Poll.until(timeout, interval, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with code " + process.exitValue()
                        + " before " + url + " was ready; log tail:\n" + logTail.get());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                lastAnswer[0] = "HTTP " + response.statusCode() + " " + response.body().strip();
                return response.statusCode() == 200 ? Boolean.TRUE : null;
            } catch (IOException e) {
                lastAnswer[0] = e.toString();
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + url, e);
            }
        }, () -> url + " not ready within " + timeout.toSeconds() + " s (last: " + lastAnswer[0]
                + "); log tail:\n" + logTail.get());
    }

    /** Returns once something accepts connections on 127.0.0.1:{@code port}; fails like {@link #await}. */
    static void awaitListening(int port, Process process, Supplier<String> logTail, Duration timeout, Duration interval) {
        Poll.until(timeout, interval, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with code " + process.exitValue()
                        + " before it listened on port " + port + "; log tail:\n" + logTail.get());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return Boolean.TRUE;
            } catch (IOException e) {
                return null;
            }
        }, () -> "nothing listens on 127.0.0.1:" + port + " after " + timeout.toSeconds() + " s; log tail:\n" + logTail.get());
    }
}
