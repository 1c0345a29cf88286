package io.promdr.core.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's Kubernetes mock server in CRUD mode on 127.0.0.1 and a random port: objects created
 * through the client are stored, listed, watched and deleted like on an API server (no
 * controllers run: tests play the controllers they need). Knows the VolumeSnapshot resource.
 */
public final class KubernetesTestServer implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public KubernetesTestServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of(CustomResourceDefinitionContext.fromCustomResourceType(VolumeSnapshot.class))),
                false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    public KubernetesClient client() {
        return client;
    }

    /** A kubeconfig pointing at this server, for the CLI's kubernetes.kubeconfig. */
    public String kubeconfig(String namespace) {
        String url = client.getConfiguration().getMasterUrl();
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: mock
                  user:
                    token: test-token
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                    namespace: %s
                current-context: mock
                """.formatted(url, namespace);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
