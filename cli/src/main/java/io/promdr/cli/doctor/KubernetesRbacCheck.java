package io.promdr.cli.doctor;

import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.AccessReviews;
import io.promdr.core.k8s.KubernetesPermissions;
import io.promdr.core.k8s.KubernetesPermissions.Feature;
import io.promdr.core.k8s.KubernetesSession;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code kubernetes.rbac}: every verb the source's backups need, from the one permissions registry
 * ({@link KubernetesPermissions}, what {@code promdr k8s permissions} prints) for the features the
 * source uses, is allowed to promdr's identity in the source's namespace, asked with one
 * SelfSubjectAccessReview per verb ({@code kubectl auth can-i}). Each denied verb is named.
 */
final class KubernetesRbacCheck extends KubernetesSourceCheck {
    static final String NAME = "kubernetes.rbac";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    CheckOutcome run(DoctorContext context, KubernetesSourceSettings source) {
        Set<Feature> features = KubernetesSource.features(source);
        List<KubernetesPermissions.Rule> rules = KubernetesPermissions.rules(features);
        String featureNames = features.stream().map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(","));
        try (KubernetesSession session = KubernetesSession.connectQuickly(KubernetesSourceSettings.connection(context.settings()), DoctorContext.TIMEOUT)) {
            String namespace = KubernetesSource.namespace(context, source, session);
            List<AccessReviews.Denied> denied = session.accessReviews().denied(namespace, rules);
            int verbs = rules.stream().mapToInt(r -> r.verbs().size()).sum();
            if (denied.isEmpty()) {
                return CheckOutcome.ok("all " + verbs + " verbs on " + rules.size() + " resources that " + featureNames
                        + " needs are allowed in namespace " + namespace);
            }
            return CheckOutcome.failed(denied.size() + " of " + verbs + " verbs that " + featureNames
                            + " needs are not allowed in namespace " + namespace + ": "
                            + denied.stream().map(KubernetesRbacCheck::describe).collect(Collectors.joining(", ")),
                    "promdr k8s permissions --feature " + featureNames + " | kubectl apply -n " + namespace
                            + " -f -  (then bind the Role to promdr's service account)");
        } catch (PromdrException e) {
            return CheckOutcome.failed(e.getMessage(), e.hint());
        }
    }

    private static String describe(AccessReviews.Denied denied) {
        return denied.describe() + (denied.reason() == null ? "" : " (" + denied.reason() + ")");
    }
}
