package io.promdr.cli.command;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesPermissions;
import io.promdr.core.k8s.KubernetesPermissions.Feature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code promdr k8s permissions}: the Role promdr's service account needs, from the one registry in code. */
@Command(name = "permissions", sortOptions = false,
        description = {"Print the Kubernetes Role promdr needs (least privilege), as YAML.",
                "The rules come from the registry of API calls the code makes (KubernetesPermissions)."})
final class K8sPermissionsCommand extends NestedSubcommand {
    @Option(names = "--feature", paramLabel = "FEATURE", split = ",",
            description = "Only these features (default: all): discovery, exec, volume-snapshot, restore-pvc, restore-job,"
                    + " in-place.")
    List<String> features;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "promdr", description = "The Role's name (default: promdr).")
    String name;

    @Override
    void run() {
        Set<Feature> selected = features == null || features.isEmpty() ? EnumSet.allOf(Feature.class) : parse(features);
        StringBuilder text = new StringBuilder("# promdr's Role, for the namespace of the Prometheus pods. Features:\n");
        for (Feature f : selected) {
            text.append("#   ").append(cli(f)).append(": ").append(f.description()).append('\n');
        }
        text.append("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ").append(name).append('\n')
                .append(KubernetesPermissions.roleRulesYaml(selected));
        out().print(text);
        out().flush();
    }

    static String cli(Feature f) {
        return f.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Set<Feature> parse(List<String> names) {
        Set<Feature> set = EnumSet.noneOf(Feature.class);
        for (String n : names) {
            try {
                set.add(Feature.valueOf(n.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new PromdrException(ErrorCode.USAGE, "unknown feature \"" + n + "\"",
                        "use discovery, exec, volume-snapshot, restore-pvc, restore-job or in-place");
            }
        }
        return set;
    }
}
