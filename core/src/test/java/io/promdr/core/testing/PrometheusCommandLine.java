package io.promdr.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line and config file {@link PrometheusServer} starts Prometheus with. */
final class PrometheusCommandLine {
    private PrometheusCommandLine() {
    }

    static List<String> command(Path binary, Path config, Path dataDir, int port, boolean adminApi,
                                List<String> extraArgs) {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dataDir,
                // Generated blocks lie in the past: keep them instead of deleting them at once.
                "--storage.tsdb.retention.time=100y",
                "--web.listen-address=127.0.0.1:" + port));
        if (adminApi) {
            command.add("--web.enable-admin-api");
        }
        command.addAll(extraArgs);
        return command;
    }

    /** A config with no scrape targets, or scraping only the server itself. */
    static Path writeConfig(Path workDir, int port, boolean scrapeSelf) throws IOException {
        String config = "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n";
        config += scrapeSelf
                ? "scrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:" + port + "']\n"
                : "scrape_configs: []\n";
        return Files.writeString(workDir.resolve("prometheus.yml"), config);
    }

    /** A port free on 127.0.0.1 right now (another process may still take it: callers retry). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
