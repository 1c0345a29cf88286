package io.promdr.core.k8s;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one registry of the Kubernetes API calls promdr makes, per feature: {@code promdr k8s
 * permissions} prints the Role built from it, and the deployment's Role must equal it. Every
 * class of io.promdr.core.k8s that calls the API names its calls here; KubernetesPermissionsTest
 * runs each feature against the mock API server and checks that every request it made is granted.
 */
public final class KubernetesPermissions {

    /** What promdr does in a cluster; each needs its own rules. */
    public enum Feature {
        /** Find Prometheus pods, read their PVCs ({@link PrometheusPodDiscovery}). */
        DISCOVERY("find Prometheus pods (sources.<name>.kubernetes)"),
        /** Snapshot API through a port-forward, tar/rm through exec (access: exec). */
        EXEC("access: exec - snapshot API via port-forward, tar and rm via exec"),
        /** Create, wait for, list and prune VolumeSnapshots (access: volume-snapshot, promdr snapshots). */
        VOLUME_SNAPSHOT("access: volume-snapshot, promdr snapshots list/create/prune"),
        /** A PVC from a VolumeSnapshot (promdr snapshots restore --to-pvc). */
        RESTORE_PVC("promdr snapshots restore SNAP --to-pvc NAME"),
        /** promdr restore --to-pvc: a Job in the cluster. */
        RESTORE_JOB("promdr restore ... --to-pvc NAME (a restore Job)"),
        /** promdr snapshots restore --in-place: scale a StatefulSet, replace its PVC. */
        IN_PLACE("promdr snapshots restore SNAP --in-place");

        private final String description;

        Feature(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** One rule of a Role: verbs on resources of an API group ("" is the core group). */
    public record Rule(String apiGroup, String resource, Set<String> verbs) {
    }

    private static final Map<Feature, List<Rule>> RULES = Map.of(
            Feature.DISCOVERY, List.of(
                    rule("", "pods", "get", "list"),
                    rule("", "persistentvolumeclaims", "get")),
            Feature.EXEC, List.of(
                    rule("", "pods", "get", "list"),
                    rule("", "pods/exec", "create", "get"),
                    rule("", "pods/portforward", "create", "get")),
            Feature.VOLUME_SNAPSHOT, List.of(
                    rule("", "persistentvolumeclaims", "get"),
                    rule("snapshot.storage.k8s.io", "volumesnapshots", "create", "get", "list", "watch", "delete")),
            Feature.RESTORE_PVC, List.of(
                    rule("snapshot.storage.k8s.io", "volumesnapshots", "get"),
                    rule("", "persistentvolumeclaims", "get", "create")),
            Feature.RESTORE_JOB, List.of(
                    rule("batch", "jobs", "create", "get", "list", "watch"),
                    rule("", "pods", "list"),
                    rule("", "pods/log", "get")),
            Feature.IN_PLACE, List.of(
                    rule("apps", "statefulsets", "get", "list", "watch", "patch"),
                    rule("apps", "statefulsets/status", "get"),
                    rule("monitoring.coreos.com", "prometheuses", "get"),
                    rule("", "pods", "get", "list", "watch"),
                    rule("snapshot.storage.k8s.io", "volumesnapshots", "get"),
                    rule("", "persistentvolumeclaims", "get", "list", "watch", "create", "delete")));

    private KubernetesPermissions() {
    }

    private static Rule rule(String group, String resource, String... verbs) {
        return new Rule(group, resource, new TreeSet<>(List.of(verbs)));
    }

    public static List<Rule> rules(Feature feature) {
        return RULES.get(feature);
    }

    /** The union of the features' rules, one rule per group and resource, sorted. */
    public static List<Rule> rules(Set<Feature> features) {
        Map<String, Rule> merged = new TreeMap<>();
        for (Feature feature : EnumSet.copyOf(features)) {
            for (Rule rule : RULES.get(feature)) {
                merged.merge(rule.apiGroup() + "/" + rule.resource(), rule, (a, b) -> {
                    Set<String> verbs = new TreeSet<>(a.verbs());
                    verbs.addAll(b.verbs());
                    return new Rule(a.apiGroup(), a.resource(), verbs);
                });
            }
        }
        return new ArrayList<>(merged.values());
    }

    /** True if the rules of {@code features} allow {@code verb} on {@code resource} of {@code apiGroup}. */
    public static boolean allows(Set<Feature> features, String apiGroup, String resource, String verb) {
        return rules(features).stream().anyMatch(r -> r.apiGroup().equals(apiGroup) && r.resource().equals(resource)
                && r.verbs().contains(verb));
    }

    /** The rules as the {@code rules:} of a Kubernetes Role, in YAML. */
    public static String roleRulesYaml(Set<Feature> features) {
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (Rule rule : rules(features)) {
            yaml.append("- apiGroups: [\"").append(rule.apiGroup()).append("\"]\n")
                    .append("  resources: [\"").append(rule.resource()).append("\"]\n")
                    .append("  verbs: [").append(String.join(", ", rule.verbs().stream().map(v -> "\"" + v + "\"").toList()))
                    .append("]\n");
        }
        return yaml.toString();
    }
}
