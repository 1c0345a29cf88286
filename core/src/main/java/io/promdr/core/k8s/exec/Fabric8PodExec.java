package io.promdr.core.k8s.exec;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesFailures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link PodExec} over the Kubernetes exec API (a websocket to {@code pods/exec}), with fabric8. */
public final class Fabric8PodExec implements PodExec {
    /** How long a command may take to exit once its output has been read. */
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(2);
    private static final int STDERR_TAIL = 8 * 1024;

    private final KubernetesClient client;
    private final String namespace;
    private final String pod;
    private final String container;

    public Fabric8PodExec(KubernetesClient client, String namespace, String pod, String container) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
    }

    @Override
    public ExecProcess start(List<String> command) {
        TailOutputStream stderr = new TailOutputStream(STDERR_TAIL);
        ExecWatch watch;
        try {
            watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                    .redirectingOutput().writingError(stderr).exec(command.toArray(String[]::new));
        } catch (KubernetesClientException e) {
            throw KubernetesFailures.translate("exec " + command.get(0) + " in " + describe(), e);
        }
        return new ExecProcess() {
            @Override
            public InputStream stdout() {
                return watch.getOutput();
            }

            @Override
            public Result finish() throws IOException {
                try {
                    Integer code = watch.exitCode().get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return new Result(code == null ? -1 : code, stderr.text());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof KubernetesClientException k) {
                        throw KubernetesFailures.translate("exec " + command.get(0) + " in " + describe(), k);
                    }
                    throw new PromdrException(ErrorCode.KUBERNETES_EXEC_FAILED, "exec " + command.get(0) + " in " + describe()
                            + " failed: " + cause, "check that the container has " + command.get(0), cause);
                } catch (TimeoutException e) {
                    throw new PromdrException(ErrorCode.KUBERNETES_TIMEOUT, command.get(0) + " in " + describe()
                            + " did not exit within " + EXIT_TIMEOUT.toSeconds() + "s", "rerun with -v", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + command.get(0) + " in " + describe(), e);
                }
            }

            @Override
            public void close() {
                watch.close();
            }
        };
    }

    @Override
    public String describe() {
        return "pod " + namespace + "/" + pod + ", container " + container;
    }

    /** Keeps the last {@code limit} bytes written: enough of stderr for a message, bounded memory. */
    static final class TailOutputStream extends OutputStream {
        private final int limit;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        TailOutputStream(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            buffer.write(bytes, offset, length);
            if (buffer.size() > 2 * limit) {
                byte[] all = buffer.toByteArray();
                buffer.reset();
                buffer.write(all, all.length - limit, limit);
            }
        }

        synchronized String text() {
            byte[] all = buffer.toByteArray();
            int from = Math.max(0, all.length - limit);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        }
    }
}
