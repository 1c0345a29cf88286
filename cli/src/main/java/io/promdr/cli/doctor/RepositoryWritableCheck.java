package io.promdr.cli.doctor;

import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code repository.writable}: a backup can write and a prune can delete. Writes a small probe
 * object (its key from {@link RepositoryLayout#doctorProbeKey}, outside every backup), reads
 * its modification time for the clock check, and deletes it again.
 */
final class RepositoryWritableCheck implements DoctorCheck {
    static final String NAME = "repository.writable";
    private static final String HINT = "promdr backup needs to write and delete objects: check the credentials and the "
            + "bucket policy (s3:PutObject, s3:DeleteObject), or the directory's permissions";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        if (!context.passed(RepositoryCheck.NAME)) {
            return CheckOutcome.skipped("the repository did not pass its check");
        }
        ObjectStore store = context.store();
        String key = RepositoryLayout.doctorProbeKey(UUID.randomUUID().toString());
        Instant sent = context.clock().instant();
        try {
            ObjectInfo written = store.put(key, ("written by promdr doctor at " + sent + "; safe to delete\n")
                    .getBytes(StandardCharsets.UTF_8));
            Instant answered = context.clock().instant();
            Instant stored = store.stat(key).map(ObjectInfo::lastModified).orElse(written.lastModified());
            context.probeTiming(new DoctorContext.ProbeTiming(sent, answered, stored));
        } catch (PromdrException e) {
            return CheckOutcome.failed("cannot write to " + store.location() + ": " + e.getMessage(), HINT);
        } catch (IOException | RuntimeException e) {
            return CheckOutcome.failed("cannot write to " + store.location() + ": " + e, HINT);
        }
        try {
            store.delete(key);
            Optional<ObjectInfo> left = store.stat(key);
            if (left.isPresent()) {
                return CheckOutcome.failed("wrote a probe object to " + store.location() + " but it is still there after "
                        + "deleting it: " + key, HINT);
            }
        } catch (PromdrException e) {
            return CheckOutcome.failed("can write to " + store.location() + " but not delete " + key + ": " + e.getMessage(),
                    HINT + "; then delete " + key + " by hand");
        } catch (IOException | RuntimeException e) {
            return CheckOutcome.failed("can write to " + store.location() + " but not delete " + key + ": " + e,
                    HINT + "; then delete " + key + " by hand");
        }
        return CheckOutcome.ok("wrote, read and deleted a probe object in " + store.location());
    }
}
