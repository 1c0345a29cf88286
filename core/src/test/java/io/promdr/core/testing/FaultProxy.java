package io.promdr.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of an HTTP server (S3Proxy, Prometheus) that injects faults
 * into chosen requests: an HTTP error answer (503 SlowDown, 500), a connection reset before any
 * answer, or a reset part-way through the answer's body. It reads each request's head, forces
 * {@code Connection: close} so that every request has its own connection, and pipes the rest.
 *
 * <p>A {@link Rule} matches a method and a path fragment and fires on the matching requests
 * numbered {@code from} to {@code from + times - 1}; {@link #assertAllFired()} fails a test whose
 * planned fault never happened. Every request head seen is recorded ({@link #requests()}), so
 * tests can also check headers the client sent (server-side encryption, for one).
 */
public final class FaultProxy implements AutoCloseable {

    /** What a firing rule does to the request. */
    public enum Action {
        /** Answers 503 with S3's SlowDown error, without passing the request on. */
        SLOW_DOWN_503,
        /** Answers 500 InternalError, without passing the request on. */
        INTERNAL_ERROR_500,
        /** Resets the connection (TCP RST) before any answer, without passing the request on. */
        RESET_BEFORE_ANSWER,
        /** Passes the request on and resets the connection after {@code afterBytes} bytes of the answer. */
        RESET_MID_ANSWER
    }

    /** One planned fault. */
    public static final class Rule {
        private final String method;
        private final String pathContains;
        private final int from;
        private final int times;
        private final Action action;
        private final long afterBytes;
        private final AtomicInteger matched = new AtomicInteger();
        private final AtomicInteger fired = new AtomicInteger();

        public Rule(String method, String pathContains, int from, int times, Action action, long afterBytes) {
            this.method = method;
            this.pathContains = pathContains;
            this.from = from;
            this.times = times;
            this.action = action;
            this.afterBytes = afterBytes;
        }

        public static Rule of(String method, String pathContains, int from, int times, Action action) {
            return new Rule(method, pathContains, from, times, action, 0);
        }

        boolean fires(String requestMethod, String path) {
            if (!method.equals(requestMethod) || !path.contains(pathContains)) {
                return false;
            }
            int n = matched.incrementAndGet();
            if (n < from || n >= from + times) {
                return false;
            }
            fired.incrementAndGet();
            return true;
        }

        public int fired() {
            return fired.get();
        }

        @Override
        public String toString() {
            return action + " on " + method + " *" + pathContains + "* requests " + from + ".." + (from + times - 1);
        }
    }

    private final ServerSocket server;
    private final URI upstream;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FaultProxy(ServerSocket server, URI upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** Starts a proxy on a random port of 127.0.0.1 in front of {@code upstream} (http://host:port). */
    public static FaultProxy start(URI upstream) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultProxy proxy = new FaultProxy(server, upstream);
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public FaultProxy plan(Rule... planned) {
        rules.addAll(List.of(planned));
        return this;
    }

    /** Every request head seen so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public int faultsFired() {
        return rules.stream().mapToInt(Rule::fired).sum();
    }

    public void assertAllFired() {
        List<String> missed = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.fired() < rule.times) {
                missed.add(rule + " fired " + rule.fired() + " time(s)");
            }
        }
        if (!missed.isEmpty()) {
            throw new AssertionError("planned proxy faults that never fired (the test tested nothing): " + missed);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream fromClient = client.getInputStream();
            byte[] head = readHead(fromClient);
            if (head == null) {
                return;
            }
            String headText = new String(head, StandardCharsets.ISO_8859_1);
            requests.add(headText);
            String[] requestLine = headText.substring(0, headText.indexOf("\r\n")).split(" ");
            Rule rule = rules.stream().filter(r -> r.fires(requestLine[0], requestLine[1])).findFirst().orElse(null);
            Action action = rule == null ? null : rule.action;
            if (action == Action.RESET_BEFORE_ANSWER) {
                client.setSoLinger(true, 0);
                return;
            }
            if (action == Action.SLOW_DOWN_503 || action == Action.INTERNAL_ERROR_500) {
                answerError(client.getOutputStream(), action);
                return;
            }
            try (Socket up = new Socket()) {
                up.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()));
                up.getOutputStream().write(withConnectionClose(headText).getBytes(StandardCharsets.ISO_8859_1));
                up.getOutputStream().flush();
                threads.execute(() -> pipeQuietly(fromClient, up));
                long limit = action == Action.RESET_MID_ANSWER ? rule.afterBytes : Long.MAX_VALUE;
                if (!pipe(up.getInputStream(), client.getOutputStream(), limit)) {
                    client.setSoLinger(true, 0);
                }
            }
        } catch (IOException e) {
            // A client or upstream that went away: nothing to do for a test proxy.
        }
    }

    /** Copies until end of stream (true) or until {@code limit} bytes were copied (false). */
    private static boolean pipe(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long copied = 0;
        while (true) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.max(1, limit - copied)));
            if (n < 0) {
                out.flush();
                return true;
            }
            out.write(buffer, 0, n);
            copied += n;
            if (copied >= limit) {
                out.flush();
                return false;
            }
        }
    }

    private static void pipeQuietly(InputStream fromClient, Socket up) {
        try {
            pipe(fromClient, up.getOutputStream(), Long.MAX_VALUE);
        } catch (IOException ignored) {
            // the exchange ended
        }
    }

    private static void answerError(OutputStream out, Action action) throws IOException {
        boolean slowDown = action == Action.SLOW_DOWN_503;
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + (slowDown ? "SlowDown" : "InternalError")
                + "</Code><Message>injected by the test proxy</Message><RequestId>fault-proxy</RequestId></Error>";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String answer = "HTTP/1.1 " + (slowDown ? "503 Slow Down" : "500 Internal Server Error") + "\r\n"
                + "Content-Type: application/xml\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** The request head up to and including the blank line, or null at end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("request head too long");
            }
        }
        return head.toByteArray();
    }

    private static String withConnectionClose(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:") && !line.isEmpty()) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }
}
