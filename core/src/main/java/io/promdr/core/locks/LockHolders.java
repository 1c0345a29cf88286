package io.promdr.core.locks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * until it is stale.
 */
final class LockHolders {
    private static final Optional<String> INSTANCE = readInstance();

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
        if (record.instance() == null || record.startedAt() == null || !record.instance().equals(instance())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(record.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isPresent() && !started.get().equals(record.startedAt());
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
