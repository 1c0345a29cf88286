package io.promdr.cli.progress;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Both renderings, driven by a clock the test moves: what a terminal sees and what a log sees. */
class ProgressMeterTest {
    private static final long MIB = 1024 * 1024;
    private final AtomicLong nanos = new AtomicLong();
    private final StringWriter text = new StringWriter();

    @Test
    void logModeWritesAStartLineThenOneEveryIntervalAndAFinalOne() {
        ProgressMeter meter = new ProgressMeter("restore",
                new LogLineRenderer(new PrintWriter(text), Duration.ofSeconds(5), false, true), nanos::get);
        meter.expect(100 * MIB, 4);
        for (int second = 1; second <= 12; second++) {
            advance(Duration.ofSeconds(1));
            meter.transferred(5 * MIB);
            if (second % 3 == 0) {
                meter.objectDone("blocks/x");
            }
        }
        meter.close();
        meter.close();
        assertThat(text.toString().lines()).containsExactly(
                "progress: restore 0 B / 100.0 MiB (0%), blocks 0/4, 0 B/s",
                "progress: restore 25.0 MiB / 100.0 MiB (25%), blocks 1/4, 5.0 MiB/s, ETA 15.0 s",
                "progress: restore 50.0 MiB / 100.0 MiB (50%), blocks 3/4, 5.0 MiB/s, ETA 10.0 s",
                "progress: restore finished 60.0 MiB / 100.0 MiB (60%), blocks 4/4, 5.0 MiB/s, ETA 8.0 s");
        assertThat(text.toString()).doesNotContain("\r").doesNotContain("\u001b");
    }

    @Test
    void withoutAskingForLogLinesShortWorkLogsNothingAndLongWorkALineEveryInterval() {
        ProgressMeter shortWork = new ProgressMeter("backup",
                new LogLineRenderer(new PrintWriter(text), Duration.ofSeconds(5), false, false), nanos::get);
        shortWork.expect(10 * MIB, 1);
        advance(Duration.ofSeconds(4));
        shortWork.transferred(10 * MIB);
        shortWork.objectDone("blocks/x");
        shortWork.close();
        assertThat(text.toString()).isEmpty();

        ProgressMeter longWork = new ProgressMeter("restore",
                new LogLineRenderer(new PrintWriter(text), Duration.ofSeconds(5), false, false), nanos::get);
        longWork.expect(100 * MIB, 2);
        for (int second = 1; second <= 7; second++) {
            advance(Duration.ofSeconds(1));
            longWork.transferred(MIB);
        }
        longWork.close();
        assertThat(text.toString().lines()).containsExactly(
                "progress: restore 5.0 MiB / 100.0 MiB (5%), blocks 0/2, 1.0 MiB/s, ETA 1m35s",
                "progress: restore finished 7.0 MiB / 100.0 MiB (7%), blocks 0/2, 1.0 MiB/s, ETA 1m33s");
    }

    @Test
    void verboseLogModeAlsoNamesEachFinishedObject() {
        ProgressMeter meter = new ProgressMeter("backup",
                new LogLineRenderer(new PrintWriter(text), Duration.ofSeconds(5), true, true), nanos::get);
        meter.transferred(10);
        meter.objectDone("blocks/01ABC/f.tar.zst");
        meter.close();
        assertThat(text.toString().lines()).containsExactly(
                "progress: backup 10 B, blocks 0, 0 B/s",
                "progress: backup done blocks/01ABC/f.tar.zst",
                "progress: backup finished 10 B, blocks 1, 0 B/s");
    }

    @Test
    void terminalModeRedrawsOneLineInPlaceAndEndsIt() {
        ProgressMeter meter = new ProgressMeter("drill", new TerminalRenderer(new PrintWriter(text)), nanos::get);
        meter.expect(40 * MIB, 2);
        advance(Duration.ofMillis(50));
        meter.transferred(MIB);                 // within 100 ms of the last draw: dropped
        advance(Duration.ofMillis(950));
        meter.transferred(19 * MIB);
        meter.close();
        String out = text.toString();
        assertThat(out).startsWith("\rdrill [>                       ] 0 B / 40.0 MiB (0%), blocks 0/2, 0 B/s")
                .endsWith("\n").doesNotContain("\n\r");
        assertThat(out.split("\r")).hasSize(4);  // "", first draw, the update, the final draw
        assertThat(out).contains("\rdrill [============>           ] 20.0 MiB / 40.0 MiB (50%), blocks 0/2, 20.0 MiB/s, ETA 1.0 s");
    }

    @Test
    void nothingRenderedMeansNothingToFinish() {
        ProgressMeter meter = new ProgressMeter("verify", new TerminalRenderer(new PrintWriter(text)), nanos::get);
        meter.close();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void quietOrNoneGivesNoListenerAndAutoFollowsTheTerminal() {
        PrintWriter err = new PrintWriter(text);
        assertThat(Progress.start("x", ProgressMode.auto, true, false, () -> true, err).meter()).isNull();
        assertThat(Progress.start("x", ProgressMode.none, false, false, () -> true, err).meter()).isNull();
        try (Progress.ProgressListenerHandle onTerminal = Progress.start("x", ProgressMode.auto, false, false, () -> true, err);
             Progress.ProgressListenerHandle inLog = Progress.start("y", ProgressMode.auto, false, false, () -> false, err);
             Progress.ProgressListenerHandle askedFor = Progress.start("z", ProgressMode.log, false, false, () -> true, err)) {
            onTerminal.listener().transferred(1);
            inLog.listener().transferred(1);
            askedFor.listener().transferred(1);
        }
        // Without a terminal, work shorter than the interval logs nothing unless lines were asked for.
        assertThat(text.toString()).contains("\rx ").doesNotContain(" y ").contains("progress: z ");
    }

    @Test
    void snapshotWithoutTotalsHasNoPercentOrEta() {
        ProgressSnapshot s = new ProgressSnapshot("backup", 3 * MIB, -1, 2, -1, Duration.ofSeconds(3));
        assertThat(s.percent()).isEqualTo(-1);
        assertThat(s.eta()).isNull();
        assertThat(s.describe()).isEqualTo("3.0 MiB, blocks 2, 1.0 MiB/s");
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
