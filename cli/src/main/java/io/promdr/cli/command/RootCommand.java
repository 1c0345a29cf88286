package io.promdr.cli.command;

import io.promdr.cli.config.InsecureTlsWarnings;
import io.promdr.cli.config.EncryptionConfig;
import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.RepositoryConfig;
import io.promdr.cli.config.Settings;
import io.promdr.cli.config.SettingsResolver;
import io.promdr.cli.logging.LogFormat;
import io.promdr.cli.logging.LogOutput;
import io.promdr.cli.progress.ProgressMode;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code promdr}: the global options, inherited by every subcommand so that they may be given
 * before or after the subcommand name, and the settings they resolve to.
 */
@Command(name = "promdr", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
        description = "Backup and disaster recovery for Prometheus TSDB.",
        subcommands = {InitCommand.class, BackupCommand.class, ListCommand.class, ShowCommand.class, RestoreCommand.class,
                DrillCommand.class, VerifyCommand.class, PruneCommand.class, PinCommand.class, UnpinCommand.class,
                ScheduleCommand.class, HistoryCommand.class, K8sCommand.class,
                DoctorCommand.class, CompletionCommand.class, ManCommand.class, SnapshotsCommand.class,
                KeyCommand.class},
        footer = {"", "Configuration: docs/configuration.md. Exit codes: docs/exit-codes.md."})
public final class RootCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "YAML configuration file (default: $PROMDR_CONFIG, else none).")
    Path configFile;

    @Option(names = "--repository", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "Repository: s3://bucket/prefix or file:///dir (overrides repository.uri).")
    String repository;

    @Option(names = "--state-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Where the job history database lives (default: $PROMDR_STATE_DIR, "
                    + "$XDG_STATE_HOME/promdr or ~/.local/state/promdr).")
    Path stateDir;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log at INFO and show stack traces of errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only results and errors (no progress or summaries).")
    boolean quiet;

    @Option(names = "--progress", paramLabel = "MODE", scope = ScopeType.INHERIT,
            description = "Progress of backup, restore, drill and verify on stderr: auto (a bar on a terminal, a log line "
                    + "every 5 s otherwise), bar, log or none. Default: $PROMDR_PROGRESS, else auto.")
    ProgressMode progress;

    @Option(names = "--log-format", paramLabel = "LOG_FORMAT", scope = ScopeType.INHERIT, defaultValue = "text",
            description = "Log lines (stderr) as text, or json: one object per line with the job id, source and backup id, "
                    + "for log collectors. Default: ${DEFAULT-VALUE}.")
    LogFormat logFormat;

    @Option(names = "--encryption-key-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Key of an encrypted repository: a file holding 32 random bytes, raw, hex or base64 "
                    + "(overrides repository.encryption and $PROMDR_ENCRYPTION_KEY). With init: create an encrypted repository.")
    Path encryptionKeyFile;

    @Spec
    CommandSpec spec;

    private final CliEnvironment environment;
    /** Each insecureSkipVerify warning once per run, however many times the settings are resolved. */
    private final Set<String> tlsWarningsShown = new HashSet<>();

    public RootCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        throw new PromdrException(ErrorCode.USAGE, "no command given",
                "run `promdr --help` for the commands: init, backup, list, show, restore, drill, verify, schedule, history, k8s, doctor, completion, man");
    }

    CliEnvironment environment() {
        return environment;
    }

    boolean verbose() {
        return verbose;
    }

    boolean quiet() {
        return quiet;
    }

    /** --progress, else PROMDR_PROGRESS (e.g. set once in a CronJob's environment), else auto. */
    ProgressMode progress() {
        if (progress != null) {
            return progress;
        }
        String fromEnv = environment.env().get("PROMDR_PROGRESS");
        if (fromEnv == null || fromEnv.isBlank()) {
            return ProgressMode.auto;
        }
        try {
            return ProgressMode.valueOf(fromEnv.trim());
        } catch (IllegalArgumentException e) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, "PROMDR_PROGRESS=" + fromEnv + " is not a progress mode",
                    "use auto, bar, log or none");
        }
    }

    /** Checks the global options and sets the log levels; the first thing every command does. */
    void prepare() {
        if (verbose && quiet) {
            throw new PromdrException(ErrorCode.USAGE, "--verbose and --quiet exclude each other", "give one of them");
        }
        LogLevels.apply(verbose, quiet);
        LogOutput.apply(logFormat == null ? LogFormat.text : logFormat);
    }

    /** Settings from the command line layer of the command (its own options) plus the global options. */
    Settings settings(PromdrConfig commandLayer) {
        PromdrConfig global = new PromdrConfig(repository == null && encryptionKeyFile == null ? null
                : new RepositoryConfig(repository, null, encryptionKeyFile == null ? null
                        : new EncryptionConfig(encryptionKeyFile.toString(), null)), null,
                null, null, stateDir == null ? null : stateDir.toString(), null, null, null);
        Settings settings = SettingsResolver.resolve(configFile, global.overlay(commandLayer), environment.env());
        for (String warning : InsecureTlsWarnings.of(settings)) {
            if (tlsWarningsShown.add(warning)) {
                spec.commandLine().getErr().println(warning);
                spec.commandLine().getErr().flush();
            }
        }
        return settings;
    }
}
