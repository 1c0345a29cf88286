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

    /** A config with no scrape targets, or scraping the server itself and/or {@code extraTargets} (host:port, job "extra"). */
    static Path writeConfig(Path workDir, int port, boolean scrapeSelf, List<String> extraTargets) throws IOException {
        String config = "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n";
        if (!scrapeSelf && extraTargets.isEmpty()) {
            config += "scrape_configs: []\n";
        } else {
            config += "scrape_configs:\n";
            if (scrapeSelf) {
                config += "  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:" + port + "']\n";
            }
            if (!extraTargets.isEmpty()) {
                // honor_labels keeps the job label a Pushgateway target exposes, as Pushgateway scrapes should.
                config += "  - job_name: extra\n    honor_labels: true\n    static_configs:\n      - targets: ['"
                        + String.join("', '", extraTargets) + "']\n";
            }
        }
        return Files.writeString(workDir.resolve("prometheus.yml"), config);
    }

    /** A port free on 127.0.0.1 right now (another process may still take it: callers retry). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
