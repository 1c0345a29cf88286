package io.promdr.cli.doctor;

import io.promdr.cli.config.Settings;
import io.promdr.core.error.PromdrException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the doctor checks and collects their results. A failure to resolve the settings at all
 * (unreadable file, unknown key) is the {@code config} check failing; nothing else can run then.
 */
public final class Doctor {

    /** Resolves the settings, of one source or (null) as configured; throws PromdrException like every command. */
    @FunctionalInterface
    public interface SettingsLoader {
        Settings load(String source);
    }

    private final List<DoctorCheck> global;
    private final List<DoctorCheck> perSource;
    private final List<DoctorCheck> last;
    private final Clock clock;

    public Doctor(List<DoctorCheck> global, List<DoctorCheck> perSource, List<DoctorCheck> last, Clock clock) {
        this.global = List.copyOf(global);
        this.perSource = List.copyOf(perSource);
        this.last = List.copyOf(last);
        this.clock = clock;
    }

    public static Doctor standard(Clock clock) {
        return new Doctor(DoctorChecks.global(), DoctorChecks.perSource(), DoctorChecks.last(), clock);
    }

    public DoctorReport run(SettingsLoader loader) throws Exception {
        Instant checkedAt = clock.instant();
        List<CheckResult> results = new ArrayList<>();
        Settings settings;
        try {
            settings = loader.load(null);
        } catch (PromdrException e) {
            results.add(new CheckResult(ConfigCheck.NAME, null, CheckStatus.failed, e.getMessage(), e.hint(), 0));
            return DoctorReport.of(checkedAt, results);
        }
        try (DoctorContext context = DoctorContext.global(settings, clock)) {
            runAll(global, context, results);
            for (String source : sourcesToCheck(settings)) {
                DoctorContext sourceContext;
                try {
                    sourceContext = context.forSource(source, source.equals(settings.source()) ? settings : loader.load(source));
                } catch (PromdrException e) {
                    results.add(new CheckResult(ConfigCheck.NAME, source, CheckStatus.failed, e.getMessage(), e.hint(), 0));
                    continue;
                }
                runAll(perSource, sourceContext, results);
            }
            runAll(last, context, results);
        }
        return DoctorReport.of(checkedAt, results);
    }

    /** The selected source, or every configured one when several are configured and none is selected. */
    private static List<String> sourcesToCheck(Settings settings) {
        if (settings.source() != null) {
            return List.of(settings.source());
        }
        return settings.configuredSources();
    }

    private void runAll(List<DoctorCheck> checks, DoctorContext context, List<CheckResult> results) throws Exception {
        for (DoctorCheck check : checks) {
            if (!check.applies(context)) {
                continue;
            }
            long start = System.nanoTime();
            CheckOutcome outcome;
            try {
                outcome = check.run(context);
            } catch (PromdrException e) {
                outcome = CheckOutcome.failed(e.getMessage(), e.hint());
            }
            context.record(check.name(), outcome.status());
            results.add(new CheckResult(check.name(), context.source(), outcome.status(), outcome.detail(), outcome.hint(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis()));
        }
    }
}
