package io.promdr.core.locks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tells, for a lock taken on this machine, whether the process that holds it is gone, so that the
 * lock of a killed backup or prune (SIGKILL, OOM kill: it never released it) stops blocking the
 * next run at once instead of for the whole stale-after time.
 *
 * <p>A process id alone would be unsafe: two containers on one node (host network) share a host
 * name but not their process ids. A lock therefore records its holder's {@code instance}: the
 * kernel's boot id and the inode of the holder's PID namespace, both from {@code /proc}, plus the
 * holder's start time. Only a lock whose instance is this process' own (same boot, same PID
 * namespace) is judged: its holder is dead when no process has its pid, or the one that has it
 * started at another time (the pid was reused). Anywhere else (another host, another container,
 * no {@code /proc}, a lock written by an older promdr), nothing is concluded and the lock lives
 * until it is stale. Nor where {@code /proc} is mounted with {@code hidepid}: the processes of
 * other users are invisible there, and a live one would look dead.
 */
final class LockHolders {
    private static final Optional<String> INSTANCE = readInstance();
    private static final boolean PROCESSES_HIDDEN = procHidesProcesses();

    private LockHolders() {
    }

    /** This process' instance, or null where it cannot be known (not Linux). */
    static String instance() {
        return INSTANCE.orElse(null);
    }

    /** This process' start time, or null where the JVM does not know it. */
    static Instant startedAt() {
        return ProcessHandle.current().info().startInstant().orElse(null);
    }

    /** True only when {@code record}'s holder ran in this kernel and PID namespace and is certainly gone. */
    static boolean isDead(LockRecord record) {
        if (PROCESSES_HIDDEN || record.instance() == null || record.startedAt() == null || !record.instance().equals(instance())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(record.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isPresent() && !started.get().equals(record.startedAt());
    }

    /** Whether /proc is mounted with hidepid (other users' processes invisible), or cannot be read. */
    private static boolean procHidesProcesses() {
        try {
            return hidesProcesses(Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** From the lines of /proc/self/mountinfo: true when /proc has hidepid (other than 0/off), or is not found. */
    static boolean hidesProcesses(List<String> mountinfo) {
        for (String line : mountinfo) {
            List<String> fields = List.of(line.split(" "));
            int dash = fields.indexOf("-");
            if (fields.size() > 4 && fields.get(4).equals("/proc") && dash > 0 && dash + 3 < fields.size()
                    && fields.get(dash + 1).equals("proc")) {
                return fields.get(dash + 3).matches(".*\\bhidepid=(?!0\\b|off\\b).*");
            }
        }
        return true;
    }

    private static Optional<String> readInstance() {
        try {
            String bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
            String pidNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return bootId.isEmpty() ? Optional.empty() : Optional.of(bootId + " " + pidNamespace);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
