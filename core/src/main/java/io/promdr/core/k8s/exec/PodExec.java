package io.promdr.core.k8s.exec;

import java.io.IOException;
import java.util.List;

/**
 * Runs commands inside the Prometheus container (the Kubernetes exec API: {@link Fabric8PodExec}).
 * One interface so that the tar streaming above it is tested with a real local process.
 */
public interface PodExec {
    /** Starts {@code command} (no shell, no stdin); the caller reads stdout and then {@link ExecProcess#finish}es. */
    ExecProcess start(List<String> command) throws IOException;

    /** "pod monitoring/prometheus-k8s-0, container prometheus", for messages. */
    String describe();
}
