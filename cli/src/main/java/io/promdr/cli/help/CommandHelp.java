package io.promdr.cli.help;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of every command's help: examples, then its exit codes (docs/exit-codes.md). Kept in
 * one place rather than in each command's annotation so that the examples read as a set. A
 * command without an entry (one added later) still ends with the common exit codes; add its
 * examples here.
 */
public final class CommandHelp {
    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    private record Entry(List<String> examples, List<String> exitCodes) {
    }

    static {
        add("init", List.of("promdr init --repository s3://acme-backups/prometheus",
                        "promdr init --repository /srv/backups/prometheus"),
                "21 the repository exists already", "22 unreachable, 23 bucket missing, 24 access denied");
        add("backup", List.of("promdr backup --config /etc/promdr/promdr.yaml",
                        "promdr backup --repository s3://acme-backups/prometheus --prometheus http://127.0.0.1:9090 \\",
                        "              --data-dir /var/lib/prometheus/metrics2 --source prod"),
                "10 Prometheus unreachable, 11 admin API disabled, 12 snapshot failed, 13 wrong --data-dir",
                "20-28 repository problems", "14/15 Pushgateway (only with metrics.pushgateway.required)");
        add("list", List.of("promdr list --repository s3://acme-backups/prometheus",
                        "promdr list --source prod -o json | jq -r 'max_by(.startedAt).id'"),
                "20-26 repository problems (unreadable manifests: listed ones still printed)");
        add("show", List.of("promdr show latest", "promdr show 20261125T1802 -o json | jq '.blocks[].ulid'"),
                "27 no such backup, 2 ambiguous prefix", "20-26 repository problems");
        add("restore", List.of("promdr restore latest                                  # explains what it would do",
                        "promdr restore latest --to /srv/prometheus-restored --dry-run",
                        "promdr restore latest --to /srv/prometheus-restored",
                        "promdr restore 20261125T1802 --to /var/lib/prometheus/metrics2 --from now-2d --merge",
                        "promdr restore latest --to /srv/prom --force --yes     # scripts: no prompt"),
                "27 no such backup, 28 object missing, 30 checksum mismatch, 31 unsafe archive",
                "40 target not empty (use --merge or --force), 41 target not writable",
                "42 no room on the target's file system (checked before downloading)",
                "101 --force not confirmed (answer yes, or --yes)");
        add("drill", List.of("promdr drill", "promdr drill latest --source prod --scratch /var/tmp -o json"),
                "32 a check failed (report printed first), 34 scratch unusable, 35 no Prometheus binary",
                "27 no such backup, 20-28 repository problems");
        add("verify", List.of("promdr verify latest", "promdr verify all --read-data-subset 3/7",
                        "promdr verify all --read-data -o json"),
                "33 a problem was found (report printed first)", "27 no such backup, 20-26 repository problems");
        add("doctor", List.of("promdr doctor --config /etc/promdr/promdr.yaml",
                        "promdr doctor --repository s3://acme-backups/prometheus --prometheus http://127.0.0.1:9090 \\",
                        "              --data-dir /var/lib/prometheus/metrics2",
                        "promdr doctor -o json | jq '.checks[] | select(.status != \"ok\")'"),
                "100 a check failed: a backup would fail (warnings alone exit 0)");
        add("completion", List.of("source <(promdr completion bash)",
                        "promdr completion bash > /etc/bash_completion.d/promdr",
                        "promdr completion zsh > \"${fpath[1]}/_promdr\""));
        add("man", List.of("promdr man --dir /usr/local/share/man/man1 && man promdr-restore",
                        "promdr man --dir ./man && man -l ./man/promdr-backup.1"),
                "102 DIR is not a writable directory, or a page exists there (use --force)");
        add("prune", List.of("promdr prune --dry-run                 # every backup, keep or remove, and why",
                        "promdr prune --source prod",
                        "promdr prune --dry-run -o json | jq '.sources[].decisions[] | select(.action == \"remove\")'"),
                "60 another prune holds the lock, 61 empty policy (see --allow-empty-policy), 62 lock lost",
                "20-28 repository problems");
        add("pin", List.of("promdr pin 20261125T173824Z --source prod",
                        "promdr pin latest --source prod     # keep the backup taken before a risky change"),
                "27 no such backup, 20-26 repository problems");
        add("unpin", List.of("promdr unpin 20261125T173824Z --source prod"),
                "27 no such backup, 20-26 repository problems");
        add("schedule", List.of("promdr schedule list --config /etc/promdr/promdr.yaml",
                        "promdr schedule run --config /etc/promdr/promdr.yaml"),
                "90-92 invalid schedules: entry, 93 no such schedule");
        add("schedule list", List.of("promdr schedule list --config /etc/promdr/promdr.yaml",
                        "promdr schedule list -o json | jq -r '.[] | .name + \" \" + .nextRuns[0]'"),
                "90-92 invalid schedules: entry");
        add("schedule run", List.of("promdr schedule run --config /etc/promdr/promdr.yaml",
                        "promdr schedule run --port 0          # any free port for /metrics and /healthz"),
                "90-92 invalid schedules: entry, 94 port unavailable, 95 scheduler tables unusable",
                "51 job history database unavailable");
        add("schedule exec", List.of("promdr schedule exec nightly-backup",
                        "PROMDR_SCHEDULE=weekly-drill promdr schedule exec   # what the rendered CronJobs run"),
                "93 no such schedule; otherwise the exit code of the job it ran");
        add("history", List.of("promdr history --job backup --source prod",
                        "promdr history -o json | jq '.[] | select(.status == \"FAILED\")'"),
                "51 job history database unavailable");
        add("k8s", List.of("promdr k8s render --config promdr.yaml | kubectl apply -n monitoring -f -"),
                "93 no schedules configured, 96 not renderable");
        add("k8s render", List.of("promdr k8s render --config promdr.yaml | kubectl apply -n monitoring -f -",
                        "promdr k8s render --config-map promdr-config --secret promdr-s3 > cronjobs.yaml"),
                "93 no schedules configured, 96 kubernetes.image unset or a cron with no 5-field form");
        add("k8s permissions", List.of("promdr k8s permissions --feature discovery,exec > role.yaml",
                        "promdr k8s permissions                # every feature, restores included"),
                "2 unknown feature");
        add("snapshots", List.of("promdr snapshots list --config promdr.yaml",
                        "promdr snapshots create --source k8s-volumes"),
                "80 API unreachable, 81 forbidden (promdr k8s permissions), 84 snapshot failed, 85 timeout");
        add("snapshots list", List.of("promdr snapshots list --source k8s-volumes",
                        "promdr snapshots list -o json | jq -r '.[] | select(.readyToUse) | .name'"),
                "80 API unreachable, 81 forbidden");
        add("snapshots create", List.of("promdr snapshots create --source k8s-volumes",
                        "promdr snapshots create --source k8s-volumes --schedule before-upgrade"),
                "82 no ready Prometheus pod, 84 snapshot failed (status.error), 85 not ready in time, 86 PVC not found");
        add("snapshots prune", List.of("promdr snapshots prune --dry-run", "promdr snapshots prune --source k8s-volumes"),
                "61 no retention policy for a source, 80 API unreachable, 81 forbidden");
        add("snapshots restore", List.of("promdr snapshots restore SNAP --to-pvc prometheus-restored",
                        "promdr snapshots restore SNAP --in-place --statefulset prometheus-k8s \\",
                        "              --pvc prometheus-k8s-db-prometheus-k8s-0 --yes"),
                "84 snapshot not ready, 85 a wait timed out (the message names the step), 86 not found, 88 PVC exists");
        add("key", List.of("promdr key generate --output /etc/promdr/repository.key",
                        "promdr init --repository s3://acme-backups/prometheus --encryption-key-file /etc/promdr/repository.key"),
                "102 the key file exists (no --force)");
        add("key generate", List.of("promdr key generate --output /etc/promdr/repository.key",
                        "promdr key generate | kubectl create secret generic promdr-key --from-file=key=/dev/stdin"),
                "102 the key file exists (no --force) or cannot be written",
                "then: 110 key missing, 111 wrong key, 112 malformed key, 113 key for a plaintext repository");
    }

    private CommandHelp() {
    }

    private static void add(String command, List<String> examples, String... exitCodes) {
        ENTRIES.put(command, new Entry(examples, List.of(exitCodes)));
    }

    /** Whether {@code command} has its own examples here. */
    public static boolean hasExamples(String command) {
        return ENTRIES.containsKey(command);
    }

    /**
     * Sets the footer of every subcommand of {@code root} (and theirs, recursively). Entries are
     * keyed by the command's path below {@code promdr} ("schedule list"), since names repeat
     * across groups.
     */
    public static void apply(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            spec.usageMessage().footer(footer(path(spec)).toArray(String[]::new));
            apply(sub);
        }
    }

    /** "schedule list" for {@code promdr schedule list}. */
    static String path(CommandSpec spec) {
        String qualified = spec.qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? qualified : qualified.substring(space + 1);
    }

    static List<String> footer(String command) {
        Entry entry = ENTRIES.get(command);
        List<String> lines = new ArrayList<>();
        if (entry != null) {
            lines.add("");
            lines.add("Examples:");
            entry.examples().forEach(e -> lines.add("  " + e));
        }
        lines.add("");
        lines.add("Exit codes:");
        lines.add("  0 success");
        if (entry != null) {
            entry.exitCodes().forEach(c -> lines.add("  " + c));
        }
        lines.add("  2 bad command line, 3 invalid configuration, 70 internal error");
        lines.add("  Every code and what to do: docs/exit-codes.md (promdr man: promdr(1)).");
        return lines;
    }
}
