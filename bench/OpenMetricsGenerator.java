import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a deterministic OpenMetrics file of realistic-looking series for promtool
 * ({@code promtool tsdb create-blocks-from openmetrics}), one time window at a time.
 *
 * <p>Usage: {@code java bench/OpenMetricsGenerator.java OUT INSTANCES START_S END_S STEP_S}
 *
 * <p>Per instance, 58 node-exporter-like series (CPU seconds per cpu and mode, memory, network,
 * disk, filesystem, load) and 95 HTTP-service series (requests by handler, method and code, and a
 * latency histogram per handler): 153 series. Every value is a closed-form function of the series
 * and the timestamp (a diurnal rate plus hashed jitter), so a window can be generated alone and
 * windows join up exactly; counters never decrease, histogram buckets are cumulative. Same
 * arguments, same bytes.
 */
public final class OpenMetricsGenerator {
    private static final String[] MODES = {"idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"};
    private static final String[] HANDLERS = {"/api/v1/orders", "/api/v1/users", "/api/v1/search", "/healthz", "/metrics"};
    private static final String[] METHODS = {"GET", "POST"};
    private static final String[] CODES = {"200", "404", "500"};
    private static final double[] LE = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    private static final double DAY = 86400.0;

    /** One series: its text name with labels and how its value follows time. */
    record Series(String text, Kind kind, double rate, double scale, long seed, double share) {
    }

    enum Kind { COUNTER_CENTS, COUNTER_INT, GAUGE_PAGES, GAUGE_CENTS, BUCKET, SUM_MILLIS }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: OpenMetricsGenerator OUT INSTANCES START_S END_S STEP_S");
            System.exit(2);
        }
        int instances = Integer.parseInt(args[1]);
        long start = Long.parseLong(args[2]);
        long end = Long.parseLong(args[3]);
        long step = Long.parseLong(args[4]);
        List<Series> all = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            addInstance(all, i);
        }
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(args[0]), 1 << 20)) {
            byte[] line = new byte[512];
            for (Series s : all) {
                byte[] prefix = (s.text() + " ").getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(prefix, 0, line, 0, prefix.length);
                for (long t = start; t < end; t += step) {
                    int n = prefix.length;
                    n = value(s, t, line, n);
                    line[n++] = ' ';
                    n = writeLong(t, line, n);
                    line[n++] = '\n';
                    out.write(line, 0, n);
                }
            }
            out.write("# EOF\n".getBytes(StandardCharsets.US_ASCII));
        }
        System.out.println("series=" + all.size());
    }

    private static void addInstance(List<Series> all, int i) {
        String node = String.format("instance=\"host-%04d:9100\",job=\"node\"", i);
        String api = String.format("instance=\"host-%04d:8080\",job=\"api\"", i);
        long seed = i * 1_000_003L;
        for (int cpu = 0; cpu < 4; cpu++) {
            for (int m = 0; m < MODES.length; m++) {
                double share = m == 0 ? 0.6 : 0.4 / (m + 1);
                all.add(new Series("node_cpu_seconds_total{cpu=\"" + cpu + "\"," + node + ",mode=\"" + MODES[m] + "\"}",
                        Kind.COUNTER_CENTS, share, 1, seed++, 0));
            }
        }
        String[] mem = {"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapFree"};
        for (int m = 0; m < mem.length; m++) {
            all.add(new Series("node_memory_" + mem[m] + "_bytes{" + node + "}", Kind.GAUGE_PAGES, 0,
                    m == 0 ? 0 : (1 << 18) * (m + 1.0), seed++, 0));
        }
        for (String dev : new String[] {"eth0", "lo"}) {
            for (String dir : new String[] {"receive", "transmit"}) {
                all.add(new Series("node_network_" + dir + "_bytes_total{device=\"" + dev + "\"," + node + "}",
                        Kind.COUNTER_INT, dev.equals("lo") ? 20_000 : 900_000, 1, seed++, 0));
                all.add(new Series("node_network_" + dir + "_packets_total{device=\"" + dev + "\"," + node + "}",
                        Kind.COUNTER_INT, dev.equals("lo") ? 30 : 800, 1, seed++, 0));
            }
        }
        for (String dev : new String[] {"sda", "sdb"}) {
            all.add(new Series("node_disk_read_bytes_total{device=\"" + dev + "\"," + node + "}", Kind.COUNTER_INT, 300_000, 1, seed++, 0));
            all.add(new Series("node_disk_written_bytes_total{device=\"" + dev + "\"," + node + "}", Kind.COUNTER_INT, 1_200_000, 1, seed++, 0));
            all.add(new Series("node_disk_io_time_seconds_total{device=\"" + dev + "\"," + node + "}", Kind.COUNTER_CENTS, 0.05, 1, seed++, 0));
        }
        for (String mp : new String[] {"/", "/var", "/home"}) {
            all.add(new Series("node_filesystem_avail_bytes{" + node + ",mountpoint=\"" + mp + "\"}", Kind.GAUGE_PAGES, 0, 1 << 16, seed++, 0));
        }
        for (String l : new String[] {"1", "5", "15"}) {
            all.add(new Series("node_load" + l + "{" + node + "}", Kind.GAUGE_CENTS, 0, 1.5, seed++, 0));
        }
        for (int h = 0; h < HANDLERS.length; h++) {
            double traffic = h == 3 || h == 4 ? 0.2 : 5.0 / (h + 1);
            for (String method : METHODS) {
                for (int c = 0; c < CODES.length; c++) {
                    double r = traffic * (method.equals("GET") ? 1 : 0.3) * (c == 0 ? 1 : c == 1 ? 0.03 : 0.004);
                    all.add(new Series("http_requests_total{code=\"" + CODES[c] + "\",handler=\"" + HANDLERS[h] + "\"," + api
                            + ",method=\"" + method + "\"}", Kind.COUNTER_INT, r, 1, seed++, 0));
                }
            }
            long hseed = seed++;
            String labels = "handler=\"" + HANDLERS[h] + "\"," + api;
            for (int b = 0; b <= LE.length; b++) {
                String le = b == LE.length ? "+Inf" : trim(LE[b]);
                double share = b == LE.length ? 1 : 1 - Math.exp(-LE[b] / (0.04 * (h + 1)));
                all.add(new Series("http_request_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"}",
                        Kind.BUCKET, traffic, 1, hseed, share));
            }
            all.add(new Series("http_request_duration_seconds_sum{" + labels + "}", Kind.SUM_MILLIS, traffic, 0.04 * (h + 1), hseed, 1));
            all.add(new Series("http_request_duration_seconds_count{" + labels + "}", Kind.BUCKET, traffic, 1, hseed, 1));
        }
    }

    private static String trim(double d) {
        String s = Double.toString(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Events up to time t at a diurnal rate (1 + 0.5 sin), integrated in closed form: never decreases. */
    private static double cumulative(double rate, long t, long seed) {
        double w = 2 * Math.PI / DAY;
        double phase = (seed % 24) * 3600.0;
        return rate * (t + 0.5 * (1 - Math.cos(w * (t + phase))) / w) + rate * 1e6 * unit(seed, 0);
    }

    /** A uniform number in [0, 1) from the series seed and the timestamp (splitmix64). */
    private static double unit(long seed, long t) {
        long z = seed * 0x9E3779B97F4A7C15L + t * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static int value(Series s, long t, byte[] out, int n) {
        switch (s.kind()) {
            case COUNTER_CENTS: {
                // Jitter below the smallest 15 s increment keeps the counter monotonic.
                double v = cumulative(s.rate(), t, s.seed()) + unit(s.seed(), t) * s.rate() * 5;
                return writeCents(Math.round(v * 100), out, n);
            }
            case COUNTER_INT: {
                double v = cumulative(s.rate(), t, s.seed()) + unit(s.seed(), t) * s.rate() * 5;
                return writeLong((long) v, out, n);
            }
            case GAUGE_PAGES: {
                long total = 16L << 30;
                if (s.scale() == 0) {
                    return writeLong(total, out, n);
                }
                double wave = Math.sin(2 * Math.PI * (t + s.seed() * 977) / DAY);
                long pages = (long) (s.scale() * (2 + wave) + s.scale() * 0.05 * unit(s.seed(), t));
                return writeLong(pages * 4096, out, n);
            }
            case GAUGE_CENTS: {
                double wave = Math.sin(2 * Math.PI * (t + s.seed() * 977) / DAY);
                double v = s.scale() * (1.2 + wave) + 0.3 * unit(s.seed(), t);
                return writeCents(Math.round(v * 100), out, n);
            }
            case BUCKET: {
                double count = cumulative(s.rate(), t, s.seed()) + unit(s.seed(), t) * s.rate() * 5;
                return writeLong((long) (count * s.share()), out, n);
            }
            default: {
                double count = cumulative(s.rate(), t, s.seed()) + unit(s.seed(), t) * s.rate() * 5;
                return writeCents(Math.round(count * s.scale() * 1000), out, n);
            }
        }
    }

    private static int writeCents(long cents, byte[] out, int n) {
        n = writeLong(cents / 100, out, n);
        out[n++] = '.';
        long c = cents % 100;
        out[n++] = (byte) ('0' + c / 10);
        out[n++] = (byte) ('0' + c % 10);
        return n;
    }

    private static int writeLong(long v, byte[] out, int n) {
        if (v == 0) {
            out[n++] = '0';
            return n;
        }
        int startPos = n;
        while (v > 0) {
            out[n++] = (byte) ('0' + v % 10);
            v /= 10;
        }
        for (int i = startPos, j = n - 1; i < j; i++, j--) {
            byte b = out[i];
            out[i] = out[j];
            out[j] = b;
        }
        return n;
    }
}
