package io.promdr.schedules.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The scheduler's HTTP endpoint (the JDK's own server: two read-only pages need no framework):
 * {@code /metrics} in the Prometheus text format, and {@code /healthz}, 200 while the scheduler
 * runs and 503 once it stops. Bound to 127.0.0.1 unless configured otherwise: nothing here needs
 * to be reachable from other hosts but Prometheus.
 */
public final class MetricsEndpoint implements AutoCloseable {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /**
     * @param port 0 for any free port ({@link #port()} tells which)
     */
    public static MetricsEndpoint start(String address, int port, Supplier<String> metrics, BooleanSupplier healthy) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (IOException | RuntimeException e) {
            throw new PromdrException(ErrorCode.SCHEDULER_PORT_UNAVAILABLE,
                    "cannot listen on " + address + ":" + port + " for /metrics and /healthz: " + e.getMessage(),
                    "choose another --port or scheduler.port (0 picks a free one), or stop what uses it", e);
        }
        server.createContext("/metrics", exchange -> respond(exchange, 200, metrics.get()));
        server.createContext("/healthz", exchange -> {
            boolean ok = healthy.getAsBoolean();
            respond(exchange, ok ? 200 : 503, ok ? "ok\n" : "stopping\n");
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "promdr-metrics-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new MetricsEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, exchange.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
            if (!exchange.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
