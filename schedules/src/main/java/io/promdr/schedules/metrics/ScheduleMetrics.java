package io.promdr.schedules.metrics;

import io.promdr.schedules.RunResult;
import io.promdr.schedules.ScheduleSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code promdr schedule run} serves on {@code /metrics}: per schedule, the outcome of its
 * runs in this process, in the Prometheus text format (docs/scheduling.md, "Metrics"). Labels:
 * {@code schedule}, {@code kind} (backup, drill, ...) and {@code source}; {@code kind} rather
 * than {@code job} because Prometheus sets {@code job} on every scraped series itself.
 *
 * <p>Values a schedule does not have yet (no success so far) are left out rather than set to 0,
 * so that an alert on {@code time() - promdr_schedule_last_success_timestamp_seconds} never fires
 * on a made-up value.
 */
public final class ScheduleMetrics {
    private final Map<String, State> states = new LinkedHashMap<>();

    public ScheduleMetrics(List<ScheduleSpec> schedules) {
        for (ScheduleSpec s : schedules) {
            states.put(s.name(), new State(s));
        }
    }

    public synchronized void started(String schedule) {
        states.get(schedule).running++;
    }

    public synchronized void succeeded(String schedule, Instant finishedAt, Duration duration, RunResult result) {
        State s = states.get(schedule);
        s.running--;
        s.successes++;
        s.lastSuccess = finishedAt;
        s.lastDuration = duration;
        s.lastBytes = result.bytes();
        s.lastOk = true;
    }

    public synchronized void failed(String schedule, Instant finishedAt, Duration duration) {
        State s = states.get(schedule);
        s.running--;
        s.failures++;
        s.lastFailure = finishedAt;
        s.lastDuration = duration;
        s.lastOk = false;
    }

    public synchronized List<String> scheduleNames() {
        return List.copyOf(states.keySet());
    }

    /** Successful runs of a schedule so far (tests and {@code schedule run}'s summary). */
    public synchronized long successes(String schedule) {
        return states.get(schedule).successes;
    }

    public synchronized long failures(String schedule) {
        return states.get(schedule).failures;
    }

    /** The exposition text. */
    public synchronized String exposition() {
        StringBuilder out = new StringBuilder();
        gauge(out, "promdr_schedule_last_success_timestamp_seconds",
                "Unix time the last successful run of the schedule finished.", s -> s.lastSuccess == null ? null : seconds(s.lastSuccess));
        gauge(out, "promdr_schedule_last_failure_timestamp_seconds",
                "Unix time the last failed run of the schedule finished.", s -> s.lastFailure == null ? null : seconds(s.lastFailure));
        gauge(out, "promdr_schedule_last_run_success",
                "1 when the last run of the schedule succeeded, 0 when it failed.", s -> s.lastOk == null ? null : s.lastOk ? 1.0 : 0.0);
        gauge(out, "promdr_schedule_last_run_duration_seconds",
                "How long the last run of the schedule took, successful or not.",
                s -> s.lastDuration == null ? null : s.lastDuration.toMillis() / 1000.0);
        gauge(out, "promdr_schedule_last_success_bytes",
                "Bytes the last successful run moved: uploaded by a backup, restored by a drill.",
                s -> s.lastBytes == null ? null : (double) s.lastBytes);
        gauge(out, "promdr_schedule_running", "1 while a run of the schedule is going on in this process.", s -> (double) s.running);
        out.append("# HELP promdr_schedule_runs_total Runs of the schedule in this process, by result.\n");
        out.append("# TYPE promdr_schedule_runs_total counter\n");
        for (State s : states.values()) {
            out.append("promdr_schedule_runs_total{").append(s.labels).append(",result=\"success\"} ").append(s.successes).append('\n');
            out.append("promdr_schedule_runs_total{").append(s.labels).append(",result=\"failure\"} ").append(s.failures).append('\n');
        }
        return out.toString();
    }

    private void gauge(StringBuilder out, String name, String help, Function<State, Double> value) {
        StringBuilder lines = new StringBuilder();
        for (State s : states.values()) {
            Double v = value.apply(s);
            if (v != null) {
                lines.append(name).append('{').append(s.labels).append("} ").append(format(v)).append('\n');
            }
        }
        if (!lines.isEmpty()) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(" gauge\n");
            out.append(lines);
        }
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Label values are names validated elsewhere; escaping keeps the text valid whatever they hold. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static final class State {
        final String labels;
        int running;
        long successes;
        long failures;
        Instant lastSuccess;
        Instant lastFailure;
        Duration lastDuration;
        Long lastBytes;
        Boolean lastOk;

        State(ScheduleSpec spec) {
            labels = "schedule=\"" + escape(spec.name()) + "\",kind=\"" + escape(spec.job()) + "\",source=\""
                    + escape(spec.source()) + "\"";
        }
    }
}
