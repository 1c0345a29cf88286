package io.promdr.core.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Prometheus flags promdr needs from a container's command and args. Prometheus accepts
 * {@code --flag=value} and {@code --flag value}. Defaults are Prometheus' own: data in
 * {@code data/} under the working directory (the official image's is {@code /prometheus}), web
 * port 9090, route prefix "/".
 */
final class PrometheusArgs {
    static final String IMAGE_WORKDIR = "/prometheus";
    static final int DEFAULT_PORT = 9090;

    private final List<String> args;
    private final String workingDir;

    PrometheusArgs(List<String> command, List<String> args, String workingDir) {
        this.args = new ArrayList<>();
        if (command != null) {
            this.args.addAll(command);
        }
        if (args != null) {
            this.args.addAll(args);
        }
        this.workingDir = workingDir == null || workingDir.isBlank() ? IMAGE_WORKDIR : workingDir;
    }

    String dataDir() {
        String path = flag("storage.tsdb.path").orElse("data/");
        String absolute = path.startsWith("/") ? path : workingDir.replaceAll("/+$", "") + "/" + path;
        return absolute.length() > 1 ? absolute.replaceAll("/+$", "") : absolute;
    }

    int webPort() {
        return flag("web.listen-address").map(address -> {
            int colon = address.lastIndexOf(':');
            try {
                return Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                return DEFAULT_PORT;
            }
        }).orElse(DEFAULT_PORT);
    }

    String routePrefix() {
        String prefix = flag("web.route-prefix").orElse("/");
        return prefix.startsWith("/") ? prefix : "/" + prefix;
    }

    Optional<String> flag(String name) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            for (String dashes : List.of("--", "-")) {
                String exact = dashes + name;
                if (arg.startsWith(exact + "=")) {
                    return Optional.of(arg.substring(exact.length() + 1));
                }
                if (arg.equals(exact) && i + 1 < args.size()) {
                    return Optional.of(args.get(i + 1));
                }
            }
        }
        return Optional.empty();
    }
}
