package io.promdr.cli.command;

import io.promdr.cli.config.Settings;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesSession;
import io.promdr.core.k8s.restore.RestoreJobLauncher;
import io.promdr.core.k8s.restore.RestoreJobSpec;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code promdr restore BACKUP --to-pvc NAME}: a PVC cannot be mounted here, so a Job in the
 * cluster mounts it and runs {@code promdr restore BACKUP --to /restore/<dir>} with the same
 * selection options; promdr waits for it and reports its failure with the end of its log.
 */
final class RestoreToPvc {
    static final class Options {
        @Option(names = "--to-pvc", paramLabel = "NAME", description = "Restore into this PVC through a Job in the cluster.")
        String toPvc;

        @Option(names = "--pvc-dir", paramLabel = "DIR", defaultValue = "prometheus-db",
                description = "Directory inside the PVC (default: prometheus-db, the subPath prometheus-operator mounts).")
        String pvcDir;

        @Option(names = "--env-from-secret", paramLabel = "SECRET",
                description = "Secret whose keys become the Job's environment (AWS_* credentials, PROMDR_* settings).")
        String envFromSecret;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
                description = "Namespace of the PVC and the Job (default: kubernetes.namespace, else the context's).")
        String namespace;

        @Option(names = "--job-timeout", paramLabel = "SECONDS", defaultValue = "3600",
                description = "How long to wait for the Job (default: 3600).")
        long timeoutSeconds;
    }

    private final RestoreCommand command;
    private final Settings settings;
    private final Options options;

    RestoreToPvc(RestoreCommand command, Settings settings, Options options) {
        this.command = command;
        this.settings = settings;
        this.options = options;
    }

    void run() {
        if (command.target != null || command.dryRun) {
            throw new PromdrException(ErrorCode.USAGE, "--to-pvc excludes --to and --dry-run",
                    "the Job restores into the PVC; run --dry-run with a local --to to see the plan");
        }
        String image = settings.kubernetes().image();
        if (image == null || image.isBlank()) {
            throw new PromdrException(ErrorCode.USAGE, "--to-pvc needs the promdr image for the Job",
                    "set kubernetes.image in the config (e.g. ghcr.io/acme/promdr:0.1.0)");
        }
        if (options.pvcDir.startsWith("/") || options.pvcDir.contains("..")) {
            throw new PromdrException(ErrorCode.USAGE, "--pvc-dir " + options.pvcDir + " is not a relative directory",
                    "give a directory inside the PVC, e.g. prometheus-db");
        }
        List<String> args = new ArrayList<>(List.of("restore", command.backup, "--repository", settings.requireRepositoryUri(),
                "--to", RestoreJobLauncher.MOUNT + "/" + options.pvcDir));
        add(args, "--source", command.source);
        add(args, "--from", command.from);
        add(args, "--until", command.until);
        if (command.merge) {
            args.add("--merge");
        }
        if (command.force) {
            args.add("--force");
        }
        try (KubernetesSession session = KubernetesOptions.connect(settings)) {
            String ns = KubernetesOptions.namespace(null, options.namespace, settings, session);
            command.say("starting a restore Job in namespace " + ns + " into PVC " + options.toPvc + " ("
                    + RestoreJobLauncher.MOUNT + "/" + options.pvcDir + ")");
            var job = session.restoreJobs().run(new RestoreJobSpec(ns, options.toPvc, image, settings.kubernetes().serviceAccount(),
                    options.envFromSecret, args, Duration.ofSeconds(options.timeoutSeconds)), Instant.now());
            command.say("restore Job " + ns + "/" + job.getMetadata().getName() + " succeeded: PVC " + options.toPvc
                    + " holds the backup under " + options.pvcDir + "/");
        }
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }
}
