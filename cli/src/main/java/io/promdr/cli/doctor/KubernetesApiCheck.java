package io.promdr.cli.doctor;

import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesSession;

/**
 * {@code kubernetes.api}, for a source with {@code kubernetes:}: the API server of
 * {@code kubernetes.kubeconfig}/{@code context} (or the in-cluster service account) answers, and
 * which version it runs.
 */
final class KubernetesApiCheck implements DoctorCheck {
    static final String NAME = "kubernetes.api";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean applies(DoctorContext context) {
        return KubernetesSource.of(context).isPresent();
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        KubernetesSourceSettings source = KubernetesSource.of(context).orElseThrow();
        try (KubernetesSession session = KubernetesSession.connectQuickly(KubernetesSourceSettings.connection(context.settings()), DoctorContext.TIMEOUT)) {
            String version = session.accessReviews().serverVersion();
            return CheckOutcome.ok("Kubernetes API server " + version + " answers; namespace "
                    + KubernetesSource.namespace(context, source, session));
        } catch (PromdrException e) {
            return CheckOutcome.failed(e.getMessage(), e.hint());
        }
    }
}
