package io.promdr.backup;

import io.promdr.core.archive.BlockArchiveContents;
import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.archive.BlockContentHash;
import io.promdr.core.archive.HashingInputStream;
import io.promdr.core.archive.HashingOutputStream;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.StoredObject;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectNotFoundException;
import io.promdr.core.store.PendingObject;
import io.promdr.core.tsdb.BlockMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import io.promdr.core.snapshot.SnapshotBlock;
import java.util.List;
import java.util.Optional;

/** Puts one snapshot block into the repository, or finds it already there, and returns its manifest record. */
final class BlockUploader {
    /** What happened to one block. {@code bytesUploaded} is 0 when nothing was uploaded. */
    record Outcome(BlockRecord record, boolean uploaded, long bytesUploaded) {
    }

    private static final Logger log = LoggerFactory.getLogger(BlockUploader.class);

    private final Repository repository;
    private final BlockArchiver archiver;
    private final KnownBlocks known;

    BlockUploader(Repository repository, BlockArchiver archiver, KnownBlocks known) {
        this.repository = repository;
        this.archiver = archiver;
        this.known = known;
    }

    Outcome store(SnapshotBlock block) throws IOException {
        BlockMeta meta = block.meta();
        Optional<BlockRecord> unchanged = known.unchanged(block, meta.ulid());
        if (unchanged.isPresent() && repository.hasObject(unchanged.get().object())) {
            log.info("Block {} unchanged since an earlier backup: reusing {}", meta.ulid(), unchanged.get().object().key());
            return new Outcome(unchanged.get(), false, 0);
        }

        List<FileRecord> files = block.scan(archiver);
        String contentHash = BlockContentHash.of(files);
        String key = RepositoryLayout.blockObjectKey(meta.ulid(), contentHash);
        Optional<StoredObject> existing = existingObject(key, meta.ulid(), files);
        StoredObject object = existing.isPresent() ? existing.get() : upload(block, meta.ulid(), files, key);
        BlockRecord record = new BlockRecord(meta.ulid(), meta.minTime(), meta.maxTime(), meta.stats(),
                meta.compactionLevel(), contentHash, object, files);
        return new Outcome(record, existing.isEmpty(), existing.isEmpty() ? object.size() : 0);
    }

    /**
     * The object already stored under {@code key} that holds exactly {@code files}, if any. A
     * manifest that references it gives its size and SHA-256. An object no manifest references
     * (left by an interrupted run, by a backup still in progress, or by anyone with write access)
     * is downloaded once: the download gives its SHA-256 and, read as an archive on the way, the
     * files it holds. If those are the block's files it is reused rather than uploaded again,
     * which never replaces an object that a concurrent backup may already have recorded with its
     * own archive bytes (another zstd level gives other bytes under the same content-addressed
     * key). Otherwise it is damaged: empty is returned, and the caller uploads a fresh archive
     * over it, which is safe because the key names the content that belongs there.
     */
    private Optional<StoredObject> existingObject(String key, String ulid, List<FileRecord> files) throws IOException {
        Optional<StoredObject> recorded = known.object(key);
        if (recorded.isPresent() && repository.hasObject(recorded.get())) {
            log.info("Block object {} already stored by an earlier backup: reusing it", key);
            return recorded;
        }
        Optional<ObjectInfo> stat = repository.store().stat(key);
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        log.info("Block object {} exists but no manifest references it yet: checking it instead of uploading again", key);
        long blockBytes = files.stream().mapToLong(FileRecord::size).sum();
        try (HashingInputStream in = new HashingInputStream(repository.store().get(key))) {
            List<FileRecord> stored = BlockArchiveContents.read(in, ulid, blockBytes);
            // Hash whatever the decoder left unread too: the SHA-256 must be the whole object's.
            in.transferTo(OutputStream.nullOutputStream());
            if (stored.equals(files)) {
                return Optional.of(new StoredObject(key, in.count(), in.hex()));
            }
            log.warn("Block object {} holds other files than block {}: replacing it with a fresh archive", key, ulid);
        } catch (ObjectNotFoundException e) {
            log.warn("Block object {} disappeared while being checked: uploading it again", key);
        } catch (PromdrException e) {
            // CHECKSUM_MISMATCH: an encrypted object that fails authentication is as damaged as a broken archive.
            if (e.code() != ErrorCode.ARCHIVE_UNSAFE && e.code() != ErrorCode.CHECKSUM_MISMATCH) {
                throw e;
            }
            log.warn("Block object {} is damaged, replacing it with a fresh archive: {}", key, e.getMessage());
        }
        return Optional.empty();
    }

    /** Streams tar.zst straight into the store: no temporary copy on disk, memory bounded by the store's buffers. */
    private StoredObject upload(SnapshotBlock block, String ulid, List<FileRecord> files, String key) throws IOException {
        try (PendingObject pending = repository.store().create(key)) {
            HashingOutputStream out = new HashingOutputStream(pending.stream());
            block.pack(archiver, files, out);
            out.flush();
            ObjectInfo info = pending.commit();
            if (info.size() != out.count()) {
                throw new IOException("store " + repository.location() + " reports " + info.size() + " bytes for " + key
                        + " but " + out.count() + " were written");
            }
            log.info("Block {} uploaded: {} ({} bytes)", ulid, key, out.count());
            return new StoredObject(key, out.count(), out.hex());
        }
    }
}
