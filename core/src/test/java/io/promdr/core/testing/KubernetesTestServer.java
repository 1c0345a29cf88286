package io.promdr.core.testing;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
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
        this(new KubernetesCrudDispatcher(List.of(CustomResourceDefinitionContext.fromCustomResourceType(VolumeSnapshot.class))));
    }

    /**
     * As {@link #KubernetesTestServer()}, and also an API server's answers the CRUD mode lacks:
     * {@code GET /version} (v1.31.0), and SelfSubjectAccessReviews answered by {@code access}
     * (a CRUD server would store the review and answer it without a status).
     */
    public KubernetesTestServer(AccessPolicy access) {
        this(new AuthorizingDispatcher(access));
    }

    private KubernetesTestServer(KubernetesCrudDispatcher dispatcher) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    /** Who may do what, as RBAC would answer a SelfSubjectAccessReview. */
    @FunctionalInterface
    public interface AccessPolicy {
        /** @param resource with its subresource, as in a Role: {@code pods/exec} */
        boolean allows(String namespace, String verb, String apiGroup, String resource);
    }

    /** The CRUD dispatcher plus {@code /version} and SelfSubjectAccessReviews; every review asked is recorded. */
    private static final class AuthorizingDispatcher extends KubernetesCrudDispatcher {
        private final AccessPolicy access;

        AuthorizingDispatcher(AccessPolicy access) {
            super(List.of(CustomResourceDefinitionContext.fromCustomResourceType(VolumeSnapshot.class)));
            this.access = access;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            if ("GET".equals(request.getMethod()) && path.startsWith("/version")) {
                return json(200, "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0\",\"platform\":\"linux/amd64\"}");
            }
            if ("POST".equals(request.getMethod()) && path.startsWith("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")) {
                SelfSubjectAccessReview review = Serialization.unmarshal(request.getUtf8Body(), SelfSubjectAccessReview.class);
                ResourceAttributes a = review.getSpec().getResourceAttributes();
                String resource = a.getResource() + (a.getSubresource() == null || a.getSubresource().isEmpty() ? "" : "/" + a.getSubresource());
                boolean allowed = access.allows(a.getNamespace(), a.getVerb(), a.getGroup() == null ? "" : a.getGroup(), resource);
                review.setStatus(new SubjectAccessReviewStatusBuilder()
                        .withAllowed(allowed).withReason(allowed ? "RBAC: allowed by the test policy" : null).build());
                return json(201, Serialization.asJson(review));
            }
            return super.dispatch(request);
        }

        private static MockResponse json(int code, String body) {
            return new MockResponse().setResponseCode(code)
                    .setHeader("Content-Type", "application/json").setBody(body);
        }
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

    /** One API call as RBAC sees it: verb, API group ("" for core) and resource (with subresource). */
    public record ApiCall(String verb, String apiGroup, String resource) {
    }

    /** The API calls received since the last call of this method (waits briefly for in-flight ones). */
    public List<ApiCall> drainCalls() {
        List<ApiCall> calls = new java.util.ArrayList<>();
        try {
            io.fabric8.mockwebserver.http.RecordedRequest request;
            while ((request = server.takeRequest(200, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
                calls.add(toCall(request.getMethod(), request.getPath()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return calls;
    }

    static ApiCall toCall(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        String[] p = path.replaceFirst("^/", "").split("/");
        int i;
        String group;
        if (p[0].equals("api")) {
            group = "";
            i = 2;
        } else {
            group = p[1];
            i = 3;
        }
        if (i < p.length && p[i].equals("namespaces") && i + 2 < p.length) {
            i += 2;
        }
        String resource = p[i];
        boolean named = i + 1 < p.length;
        if (i + 2 < p.length) {
            resource = resource + "/" + p[i + 2];
        }
        String verb = switch (method) {
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
        };
        return new ApiCall(verb, group, resource);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
