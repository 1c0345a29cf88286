package io.promdr.cli.k8s;

import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.PrometheusReplica;
import io.promdr.core.k8s.PrometheusSelector;
import io.promdr.core.k8s.ReplicaChoice;

import java.io.PrintWriter;

/** Discovery and replica choice, with the replicas left out reported as warnings. */
final class Replicas {
    private Replicas() {
    }

    static ReplicaChoice.Selection choose(KubernetesSession session, KubernetesSourceSettings source, String namespace,
                                          PrintWriter warnings) {
        PrometheusSelector selector = source.selector(namespace);
        ReplicaChoice.Selection selection = source.replicas().choose(session.discovery().discover(selector), selector);
        for (PrometheusReplica skipped : selection.skipped()) {
            if (!skipped.ready()) {
                warnings.println("warning: replica " + skipped.displayName() + " " + skipped.problem() + ": not backed up");
                warnings.flush();
            }
        }
        return selection;
    }
}
