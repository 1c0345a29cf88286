package io.promdr.schedules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job that records every run it completes (by the firing's due time, with the instance that ran
 * it) and how many runs overlap. {@link #holdNextRun} makes the next run wait until released.
 */
final class RecordingRunner implements ScheduledRunner {
    final Map<Instant, List<String>> completed = new ConcurrentHashMap<>();
    final List<Firing> started = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    private volatile CountDownLatch hold;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile boolean forgetHeldRun;

    @Override
    public RunResult run(ScheduleSpec schedule, Firing firing) throws InterruptedException {
        started.add(firing);
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            CountDownLatch h = hold;
            if (h != null) {
                hold = null;
                held.countDown();
                if (!h.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held run never released");
                }
                if (forgetHeldRun) {
                    // The replica "died": its run never completes.
                    return new RunResult(null, 0, "lost");
                }
            }
            completed.computeIfAbsent(firing.scheduledAt(), k -> new CopyOnWriteArrayList<>()).add(firing.instanceId());
            return new RunResult(null, 1, "recorded");
        } finally {
            running.decrementAndGet();
        }
    }

    /** The next run waits for the returned latch; {@code lost}: it then ends without recording a completion. */
    CountDownLatch holdNextRun(boolean lost) {
        CountDownLatch release = new CountDownLatch(1);
        forgetHeldRun = lost;
        held = new CountDownLatch(1);
        hold = release;
        return release;
    }

    boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }
}
