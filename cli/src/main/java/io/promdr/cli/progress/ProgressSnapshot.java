package io.promdr.cli.progress;

import io.promdr.cli.output.HumanFormat;

import java.time.Duration;

/**
 * Where a long operation stands: bytes and objects so far, the totals when known, the time
 * elapsed. Formats itself as the one line both the bar and the log line show.
 *
 * @param totalBytes   -1 when not known beforehand (backup, verify)
 * @param totalObjects -1 when not known
 */
public record ProgressSnapshot(String operation, long bytes, long totalBytes, int objects, int totalObjects,
                               Duration elapsed) {

    /** Bytes per second over the whole run so far; 0 before anything moved. */
    public long bytesPerSecond() {
        long millis = elapsed.toMillis();
        return millis <= 0 ? 0 : bytes * 1000 / millis;
    }

    /** Time left at the average rate so far; null when the total is unknown or nothing moved yet. */
    public Duration eta() {
        long rate = bytesPerSecond();
        if (totalBytes < 0 || rate <= 0) {
            return null;
        }
        return Duration.ofSeconds(Math.max(0, totalBytes - bytes) / rate);
    }

    /** 0-100, or -1 when the total is unknown. */
    public int percent() {
        if (totalBytes < 0) {
            return -1;
        }
        return totalBytes == 0 ? 100 : (int) Math.min(100, bytes * 100 / totalBytes);
    }

    /** {@code 1.2 GiB / 3.4 GiB (35%), blocks 3/9, 45.1 MiB/s, ETA 52s} (fields without a total drop their part). */
    public String describe() {
        StringBuilder line = new StringBuilder(HumanFormat.bytes(bytes));
        if (totalBytes >= 0) {
            line.append(" / ").append(HumanFormat.bytes(totalBytes)).append(" (").append(percent()).append("%)");
        }
        line.append(", blocks ").append(objects);
        if (totalObjects >= 0) {
            line.append('/').append(totalObjects);
        }
        line.append(", ").append(HumanFormat.bytes(bytesPerSecond())).append("/s");
        Duration eta = eta();
        if (eta != null) {
            line.append(", ETA ").append(HumanFormat.duration(eta));
        }
        return line.toString();
    }
}
