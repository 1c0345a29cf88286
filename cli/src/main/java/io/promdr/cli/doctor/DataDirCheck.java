package io.promdr.cli.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code prometheus.data-dir}: the data directory is Prometheus' TSDB as seen from here (it
 * holds {@code wal/}), promdr can read it, and can remove the snapshots it takes (Prometheus
 * never deletes them). When Prometheus answers, its --storage.tsdb.path is named in the hint:
 * paths may differ legitimately (a sidecar mounting the volume elsewhere).
 */
final class DataDirCheck implements DoctorCheck {
    static final String NAME = "prometheus.data-dir";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        // A Kubernetes source's Prometheus and data directory are in a pod: said so, never a false failure.
        Optional<CheckOutcome> kubernetes = KubernetesSource.notApplicable(context, "data-dir");
        if (kubernetes.isPresent()) {
            return kubernetes.get();
        }
        Path dir = context.settings().dataDir();
        if (dir == null) {
            return CheckOutcome.failed("no Prometheus data directory given",
                    "pass --data-dir or set prometheus.dataDir (sources.<name>.prometheus.dataDir), or PROMDR_DATA_DIR");
        }
        if (!Files.isDirectory(dir)) {
            return CheckOutcome.failed("data directory " + dir + " does not exist or is not a directory", hint(context));
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            return CheckOutcome.failed("data directory " + dir + " is not readable by this user",
                    "run promdr as Prometheus' user or a member of its group, with read access to " + dir);
        }
        if (!Files.isDirectory(dir.resolve("wal"))) {
            return CheckOutcome.failed(dir + " holds no wal/ directory: it is not a Prometheus data directory", hint(context));
        }
        Path snapshots = dir.resolve("snapshots");
        boolean canRemoveSnapshots = Files.isDirectory(snapshots) ? Files.isWritable(snapshots) : Files.isWritable(dir);
        if (!canRemoveSnapshots) {
            return CheckOutcome.warning(dir + " is readable, but promdr cannot remove the snapshots it takes from "
                    + snapshots, "give promdr write access to " + snapshots + ", or snapshots will fill the disk");
        }
        return CheckOutcome.ok(dir + " is a readable Prometheus data directory");
    }

    private static String hint(DoctorContext context) {
        Optional<String> path = Optional.empty();
        if (context.passed(PrometheusReachableCheck.NAME)) {
            try {
                path = context.prometheus().flag("storage.tsdb.path");
            } catch (RuntimeException e) {
                path = Optional.empty();
            }
        }
        return path.map(p -> "Prometheus runs with --storage.tsdb.path=" + p + "; give that directory as seen from here")
                .orElse("give Prometheus' --storage.tsdb.path as seen from here (--data-dir)");
    }
}
