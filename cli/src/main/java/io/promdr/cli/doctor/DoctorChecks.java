package io.promdr.cli.doctor;

import java.util.List;

/**
 * The checks of {@code promdr doctor}, in the order they run and are printed. Checks of one
 * source's Prometheus run once per source; the others once. A new check (the Kubernetes RBAC
 * check of Kubernetes sources, say) is added to one of these lists.
 */
public final class DoctorChecks {
    private DoctorChecks() {
    }

    /** Run once, before the per-source checks: configuration, repository, clock. */
    public static List<DoctorCheck> global() {
        return List.of(new ConfigCheck(), new RepositoryCheck(), new RepositoryWritableCheck(), new ClockSkewCheck());
    }

    /** Run once per source that a backup would take; the kubernetes.* checks only for sources with {@code kubernetes:}. */
    public static List<DoctorCheck> perSource() {
        return List.of(new KubernetesApiCheck(), new KubernetesRbacCheck(), new KubernetesPodsCheck(),
                new PrometheusReachableCheck(), new AdminApiCheck(), new DataDirCheck(), new FreeSpaceCheck());
    }

    /** Run once, after the per-source checks. */
    public static List<DoctorCheck> last() {
        return List.of(new PushgatewayCheck());
    }
}
