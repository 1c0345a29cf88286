package io.promdr.cli.doctor;

import io.promdr.cli.output.HumanFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code prometheus.free-space}: room in the data directory's file system for a snapshot. A
 * snapshot hard-links the persisted blocks (no space) and writes the in-memory head out as a
 * new block; its size is estimated by what holds the head on disk, {@code wal/} plus
 * {@code chunks_head/} (an upper bound in practice: the block is compressed, the WAL is not).
 */
final class FreeSpaceCheck implements DoctorCheck {
    static final String NAME = "prometheus.free-space";
    /** Below this multiple of the estimate a snapshot still fits, but only just: a warning. */
    private static final int COMFORT_FACTOR = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckOutcome run(DoctorContext context) throws IOException {
        // A Kubernetes source's Prometheus and data directory are in a pod: said so, never a false failure.
        Optional<CheckOutcome> kubernetes = KubernetesSource.notApplicable(context, "free-space");
        if (kubernetes.isPresent()) {
            return kubernetes.get();
        }
        if (!context.passed(DataDirCheck.NAME)) {
            return CheckOutcome.skipped("the data directory did not pass its check");
        }
        Path dir = context.settings().dataDir();
        long needed = sizeOf(dir.resolve("wal")) + sizeOf(dir.resolve("chunks_head"));
        long free = Files.getFileStore(dir).getUsableSpace();
        String detail = HumanFormat.bytes(free) + " free in " + dir + "; a snapshot writes the head out as a block of about "
                + HumanFormat.bytes(needed) + " (wal/ + chunks_head/)";
        if (free < needed) {
            return CheckOutcome.failed(detail, "free space on the file system of " + dir + " (Prometheus needs it too)");
        }
        if (free < COMFORT_FACTOR * needed) {
            return CheckOutcome.warning(detail, "the snapshot fits, but only just: free space on the file system of " + dir);
        }
        return CheckOutcome.ok(detail);
    }

    /** Bytes of the regular files under {@code dir}; 0 when it does not exist. Files vanishing meanwhile (WAL truncation) are skipped. */
    static long sizeOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(FreeSpaceCheck::sizeIfFile).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static long sizeIfFile(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
