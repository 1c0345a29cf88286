package io.promdr.core.k8s.exec;

import io.promdr.core.archive.HashingInputStream;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.FileRecord;
import io.promdr.core.tsdb.SnapshotDirectory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code tar -C <snapshot> -cf - .} once, as it streams: every file of every block is
 * hashed (nothing is written to disk), and each block's meta.json is kept (a few hundred bytes).
 * Entries outside block directories are skipped; links and special files inside a block, and
 * names that could escape it, are refused like {@link io.promdr.core.archive.BlockArchiver#scan}
 * refuses them.
 */
final class TarSnapshotScan {
    /** A block as the scan saw it. */
    record ScannedBlock(String ulid, List<FileRecord> files, byte[] metaJson) {
    }

    private static final int MAX_META_BYTES = 1 << 20;
    private static final String HINT = "a TSDB block holds only regular files and directories; take a fresh snapshot";

    private TarSnapshotScan() {
    }

    static List<ScannedBlock> scan(InputStream stream, String where) throws IOException {
        Map<String, List<FileRecord>> files = new TreeMap<>();
        Map<String, byte[]> metas = new TreeMap<>();
        Map<String, Boolean> chunkDirs = new TreeMap<>();
        byte[] buffer = new byte[1 << 16];
        TarArchiveInputStream tar = new TarArchiveInputStream(stream);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = TarNames.relative(entry.getName());
            int slash = name.indexOf('/');
            String top = slash < 0 ? name : name.substring(0, slash);
            if (!SnapshotDirectory.isBlockName(top)) {
                continue; // not a block: snapshots hold only blocks, but tolerate anything else
            }
            files.computeIfAbsent(top, u -> new ArrayList<>());
            if (slash < 0) {
                requireDirectory(entry, top, name, where);
                continue;
            }
            String path = name.substring(slash + 1);
            requireSafe(path, top, where);
            if (entry.isDirectory()) {
                if (path.equals("chunks")) {
                    chunkDirs.put(top, true);
                }
                continue;
            }
            if (entry.isSymbolicLink() || entry.isLink()) {
                throw invalid(top, path, where, "a link");
            }
            byte type = entry.getLinkFlag();
            if (type != TarConstants.LF_NORMAL && type != TarConstants.LF_OLDNORM) {
                throw invalid(top, path, where, "a special file (tar type '" + (char) type + "')");
            }
            ByteArrayOutputStream meta = path.equals("meta.json") ? new ByteArrayOutputStream() : null;
            HashingInputStream in = new HashingInputStream(tar);
            OutputStream sink = meta == null ? OutputStream.nullOutputStream() : meta;
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                if (meta != null && meta.size() + n > MAX_META_BYTES) {
                    throw invalid(top, path, where, "larger than " + MAX_META_BYTES + " bytes");
                }
                sink.write(buffer, 0, n);
            }
            files.get(top).add(new FileRecord(path, in.count(), in.hex()));
            if (meta != null) {
                metas.put(top, meta.toByteArray());
            }
        }
        List<ScannedBlock> blocks = new ArrayList<>();
        for (Map.Entry<String, List<FileRecord>> block : files.entrySet()) {
            String ulid = block.getKey();
            List<FileRecord> sorted = new ArrayList<>(block.getValue());
            sorted.sort(Comparator.comparing(FileRecord::path));
            for (String required : List.of("meta.json", "index", "tombstones")) {
                if (sorted.stream().noneMatch(f -> f.path().equals(required))) {
                    throw incomplete(ulid, required, where);
                }
            }
            if (!chunkDirs.getOrDefault(ulid, false) && sorted.stream().noneMatch(f -> f.path().startsWith("chunks/"))) {
                throw incomplete(ulid, "chunks/", where);
            }
            blocks.add(new ScannedBlock(ulid, List.copyOf(sorted), metas.get(ulid)));
        }
        return blocks;
    }

    private static void requireDirectory(TarArchiveEntry entry, String ulid, String name, String where) {
        if (!entry.isDirectory()) {
            throw new PromdrException(ErrorCode.DATA_DIR_INVALID, "snapshot " + where + " holds " + name
                    + ", which is not a block directory", HINT);
        }
    }

    private static void requireSafe(String path, String ulid, String where) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid(ulid, path, where, "not a plain relative path");
            }
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid(ulid, path.replaceAll("\\p{Cntrl}", "?"), where, "named with control characters");
        }
    }

    private static PromdrException invalid(String ulid, String path, String where, String what) {
        return new PromdrException(ErrorCode.DATA_DIR_INVALID,
                "block " + ulid + " in " + where + " holds " + path + ", which is " + what, HINT);
    }

    private static PromdrException incomplete(String ulid, String name, String where) {
        return new PromdrException(ErrorCode.DATA_DIR_INVALID, "block " + ulid + " in " + where + " has no " + name,
                "a complete block holds meta.json, index, tombstones and chunks/; take a fresh snapshot");
    }
}
