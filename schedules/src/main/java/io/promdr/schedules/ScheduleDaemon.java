package io.promdr.schedules;

import io.promdr.core.error.PromdrException;
import io.promdr.schedules.metrics.MetricsEndpoint;
import io.promdr.schedules.metrics.ScheduleMetrics;
import io.promdr.schedules.quartz.QuartzSchedulers;
import io.promdr.schedules.quartz.RunScheduleJob;
import io.promdr.schedules.quartz.ScheduleRegistrar;
import io.promdr.schedules.quartz.SchedulerOptions;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code promdr schedule run}: the configured schedules on a Quartz scheduler, their runs handed
 * to a {@link ScheduledRunner}, their outcomes on {@code /metrics}.
 *
 * <p>Life cycle: {@link #start} registers the schedules in the job store (keeping unchanged
 * triggers, so a firing missed while down runs once now), opens the endpoint and starts firing;
 * {@link #stop} stops firing, waits for the runs going on, and closes the endpoint.
 */
public final class ScheduleDaemon implements AutoCloseable {
    private final Scheduler scheduler;
    private final ScheduleMetrics metrics;
    private final MetricsEndpoint endpoint;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    private ScheduleDaemon(Scheduler scheduler, ScheduleMetrics metrics, MetricsEndpoint endpoint) {
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.endpoint = endpoint;
    }

    /**
     * @param endpoint where to serve /metrics and /healthz; null for none
     * @param log      receives one line per run start and end
     */
    public static ScheduleDaemon start(List<ScheduleSpec> schedules, ScheduledRunner runner, SchedulerOptions options,
                                       Endpoint endpoint, RunLog log) {
        ScheduleMetrics metrics = new ScheduleMetrics(schedules);
        Map<String, ScheduleSpec> byName = new LinkedHashMap<>();
        schedules.forEach(s -> byName.put(s.name(), s));
        Scheduler scheduler = QuartzSchedulers.create(options);
        MetricsEndpoint server = null;
        try {
            scheduler.getContext().put(RunScheduleJob.HANDLER,
                    (RunScheduleJob.FiringHandler) (name, firing) -> run(byName.get(name), name, firing, runner, metrics, log));
            ScheduleRegistrar.sync(scheduler, schedules);
            ScheduleDaemon[] self = new ScheduleDaemon[1];
            if (endpoint != null) {
                server = MetricsEndpoint.start(endpoint.address(), endpoint.port(), metrics::exposition,
                        () -> self[0] != null && self[0].healthy());
            }
            self[0] = new ScheduleDaemon(scheduler, metrics, server);
            scheduler.start();
            return self[0];
        } catch (SchedulerException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            shutdownQuietly(scheduler);
            if (e instanceof PromdrException p) {
                throw p;
            }
            throw new PromdrException(io.promdr.core.error.ErrorCode.SCHEDULER_STORE_UNAVAILABLE,
                    "cannot register the schedules in the scheduler store: " + e.getMessage(),
                    "check the job repository database (jobRepository.url); rerun with -v for details", e);
        }
    }

    private static void run(ScheduleSpec spec, String name, Firing firing, ScheduledRunner runner, ScheduleMetrics metrics,
                            RunLog log) {
        if (spec == null) {
            // Another replica registered a schedule this one does not have: replicas must share one configuration.
            log.info("schedule " + name + " fired but is not in this replica's configuration: skipped");
            return;
        }
        String what = "schedule " + name + ": " + spec.job() + " of " + spec.source();
        log.info(what + " started (due " + firing.scheduledAt() + (firing.recovering() ? ", recovering a run of a lost replica" : "") + ")");
        metrics.started(name);
        Instant start = Instant.now();
        try {
            RunResult result = runner.run(spec, firing);
            Duration took = Duration.between(start, Instant.now());
            metrics.succeeded(name, Instant.now(), took, result);
            log.info(what + " succeeded in " + took.toMillis() + " ms: " + result.summary());
        } catch (Exception | Error e) {
            metrics.failed(name, Instant.now(), Duration.between(start, Instant.now()));
            String message = e instanceof PromdrException p ? p.userMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            log.failure(what + " failed: " + message);
        }
    }

    public ScheduleMetrics metrics() {
        return metrics;
    }

    /** The endpoint's port, or -1 without an endpoint. */
    public int port() {
        return endpoint == null ? -1 : endpoint.port();
    }

    public String instanceId() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "?";
        }
    }

    /** The next fire time of each schedule as the job store has it. */
    public Map<String, Instant> nextFireTimes() {
        Map<String, Instant> next = new LinkedHashMap<>();
        try {
            for (String name : metrics.scheduleNames()) {
                Trigger t = scheduler.getTrigger(ScheduleRegistrar.triggerKey(name));
                if (t != null && t.getNextFireTime() != null) {
                    next.put(name, t.getNextFireTime().toInstant());
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the triggers from the scheduler store", e);
        }
        return next;
    }

    boolean healthy() {
        try {
            return !stopping && scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Stops firing, waits for the runs going on to end, closes the endpoint. Idempotent. */
    public void stop() {
        stopping = true;
        try {
            shutdownQuietly(scheduler);
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
            stopped.countDown();
        }
    }

    /**
     * Stops firing at once, neither waiting for the runs going on nor closing anything: what a replica
     * that dies looks like to the others (tests of the take-over).
     */
    void crashForTest() {
        stopping = true;
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blocks until {@link #stop} has finished (called from another thread, e.g. the SIGTERM hook). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }

    private static void shutdownQuietly(Scheduler scheduler) {
        try {
            if (!scheduler.isShutdown()) {
                scheduler.shutdown(true);
            }
        } catch (SchedulerException e) {
            // Shutting down: nothing left to do about it.
        }
    }

    /** Where the lines about runs go: a run's start and success, and its failure. */
    public interface RunLog {
        void info(String line);

        void failure(String line);

        /** Both kinds of line to one consumer (tests). */
        static RunLog to(java.util.function.Consumer<String> lines) {
            return new RunLog() {
                @Override
                public void info(String line) {
                    lines.accept(line);
                }

                @Override
                public void failure(String line) {
                    lines.accept(line);
                }
            };
        }
    }

    /** Where the endpoint listens. */
    public record Endpoint(String address, int port) {
    }
}
