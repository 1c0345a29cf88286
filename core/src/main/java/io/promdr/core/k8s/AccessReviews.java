package io.promdr.core.k8s;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks the API server what promdr's own identity may do, the way {@code kubectl auth can-i} does:
 * one SelfSubjectAccessReview per verb of each rule of {@link KubernetesPermissions} (creating a
 * review needs no permission: every authenticated identity may ask about itself). Used by
 * {@code promdr doctor}, so that a missing rule is found before the nightly backup needs it.
 */
public final class AccessReviews {
    private final KubernetesClient client;

    AccessReviews(KubernetesClient client) {
        this.client = client;
    }

    /** One verb of one rule that the API server does not grant, with its reason when it gave one. */
    public record Denied(KubernetesPermissions.Rule rule, String verb, String reason) {
        /** {@code create pods/exec} or {@code list volumesnapshots.snapshot.storage.k8s.io}, as kubectl names them. */
        public String describe() {
            return verb + " " + rule.resource() + (rule.apiGroup().isEmpty() ? "" : "." + rule.apiGroup());
        }
    }

    /** The API server's version ({@code v1.31.2}); fails with KUBERNETES_UNREACHABLE (or FORBIDDEN) when it does not answer. */
    public String serverVersion() {
        VersionInfo version = KubernetesFailures.call("read the API server version", client::getKubernetesVersion);
        return version == null || version.getGitVersion() == null ? "unknown" : version.getGitVersion();
    }

    /** The verbs of {@code rules} that are not allowed in {@code namespace}, in the rules' order. */
    public List<Denied> denied(String namespace, List<KubernetesPermissions.Rule> rules) {
        List<Denied> denied = new ArrayList<>();
        for (KubernetesPermissions.Rule rule : rules) {
            for (String verb : rule.verbs()) {
                SelfSubjectAccessReview answer = KubernetesFailures.call("create a SelfSubjectAccessReview",
                        () -> client.authorization().v1().selfSubjectAccessReview().create(review(namespace, rule, verb)));
                boolean allowed = answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
                if (!allowed) {
                    String reason = answer == null || answer.getStatus() == null ? null : answer.getStatus().getReason();
                    denied.add(new Denied(rule, verb, reason == null || reason.isBlank() ? null : reason));
                }
            }
        }
        return denied;
    }

    private static SelfSubjectAccessReview review(String namespace, KubernetesPermissions.Rule rule, String verb) {
        String resource = rule.resource();
        String subresource = null;
        int slash = resource.indexOf('/');
        if (slash > 0) {
            subresource = resource.substring(slash + 1);
            resource = resource.substring(0, slash);
        }
        return new SelfSubjectAccessReviewBuilder().withNewSpec().withResourceAttributes(new ResourceAttributesBuilder()
                        .withNamespace(namespace).withGroup(rule.apiGroup()).withResource(resource).withSubresource(subresource)
                        .withVerb(verb).build()).endSpec().build();
    }
}
