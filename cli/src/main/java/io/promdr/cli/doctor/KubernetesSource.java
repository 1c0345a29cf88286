package io.promdr.cli.doctor;

import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.cli.config.KubernetesSourceSettings.Access;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesPermissions.Feature;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.PrometheusReplica;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What doctor needs to know about a source with {@code kubernetes:} (docs/kubernetes.md): which
 * features of the permissions registry its backups use, its namespace, and what the local
 * Prometheus checks report for it instead of a false failure: its Prometheus and data directory
 * are inside a pod, reached through the API (port-forward, exec) or not at all (VolumeSnapshots).
 */
final class KubernetesSource {
    private KubernetesSource() {
    }

    /** The source's kubernetes section; empty for a Prometheus reached directly (or a config the config check reports). */
    static Optional<KubernetesSourceSettings> of(DoctorContext context) {
        if (context.source() == null) {
            return Optional.empty();
        }
        try {
            return KubernetesSourceSettings.of(context.settings());
        } catch (PromdrException e) {
            return Optional.empty();
        }
    }

    /** The features of the permissions registry a backup of this source uses. */
    static Set<Feature> features(KubernetesSourceSettings source) {
        Set<Feature> features = EnumSet.of(Feature.DISCOVERY);
        if (source.access() == Access.EXEC || source.quiesce()) {
            features.add(Feature.EXEC);
        }
        if (source.access() == Access.VOLUME_SNAPSHOT) {
            features.add(Feature.VOLUME_SNAPSHOT);
        }
        return features;
    }

    static String namespace(DoctorContext context, KubernetesSourceSettings source, KubernetesSession session) {
        return source.namespace() != null ? source.namespace()
                : KubernetesSourceSettings.namespace(null, context.settings(), session.defaultNamespace());
    }

    /**
     * What a check of the local Prometheus (URL, admin API, data directory, free space) reports for
     * a Kubernetes source: skipped, saying where that thing is and how promdr reaches it; empty for
     * other sources, which the check then checks as usual.
     */
    static Optional<CheckOutcome> notApplicable(DoctorContext context, String what) {
        Optional<KubernetesSourceSettings> source = of(context);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        List<PrometheusReplica> replicas = context.kubernetesReplicas();
        String pods = replicas.isEmpty() ? "the Prometheus pod(s) of sources." + context.source() + ".kubernetes"
                : "pod " + replicas.stream().map(r -> r.displayName() + " (container " + r.container() + ")")
                .collect(Collectors.joining(", "));
        String dataDirs = replicas.isEmpty() ? "the data directory" : "the data directory "
                + replicas.stream().map(PrometheusReplica::dataDir).distinct().collect(Collectors.joining(", "));
        boolean snapshots = source.get().access() == Access.VOLUME_SNAPSHOT;
        String detail = switch (what) {
            case "prometheus" -> snapshots && !source.get().quiesce()
                    ? "not applicable: access volume-snapshot copies the volumes of " + pods + " without calling Prometheus"
                    : "not applicable: Prometheus in " + pods + " is reached through a port-forward when a backup runs";
            case "data-dir" -> snapshots
                    ? "not applicable: access volume-snapshot copies the volumes of " + pods + " with CSI VolumeSnapshots"
                    : "not applicable: " + dataDirs + " is inside " + pods + "; a backup reads it through exec";
            default -> "not applicable: " + dataDirs + " is inside " + pods + "; its free space is not visible from here";
        };
        return Optional.of(CheckOutcome.skipped(detail));
    }
}
