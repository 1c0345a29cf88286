package io.promdr.cli.doctor;

import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.PrometheusSelector;
import io.promdr.core.k8s.ReplicaChoice;

import java.util.stream.Collectors;

/**
 * {@code kubernetes.pods}: the source's selector finds Prometheus pods and the replica choice
 * keeps at least one (Running and Ready), as a backup would; names the pods, their containers and
 * data directories (which the local data-directory checks then refer to). A replica left out
 * because it is not ready is a warning.
 */
final class KubernetesPodsCheck extends KubernetesSourceCheck {
    static final String NAME = "kubernetes.pods";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    CheckOutcome run(DoctorContext context, KubernetesSourceSettings source) {
        try (KubernetesSession session = KubernetesSession.connectQuickly(KubernetesSourceSettings.connection(context.settings()), DoctorContext.TIMEOUT)) {
            PrometheusSelector selector = source.selector(KubernetesSource.namespace(context, source, session));
            ReplicaChoice.Selection selection = source.replicas().choose(session.discovery().discover(selector), selector);
            context.kubernetesReplicas(selection.chosen());
            String chosen = "backs up " + selection.chosen().stream()
                    .map(r -> r.displayName() + " (container " + r.container() + ", data dir " + r.dataDir() + ")")
                    .collect(Collectors.joining(", "));
            String notReady = selection.skipped().stream().filter(r -> !r.ready())
                    .map(r -> r.displayName() + " " + r.problem()).collect(Collectors.joining("; "));
            if (!notReady.isEmpty()) {
                return CheckOutcome.warning(chosen + "; left out: " + notReady,
                        "kubectl describe pod -n " + selector.namespace() + " for the replicas left out");
            }
            return CheckOutcome.ok(chosen);
        } catch (PromdrException e) {
            return CheckOutcome.failed(e.getMessage(), e.hint());
        }
    }
}
