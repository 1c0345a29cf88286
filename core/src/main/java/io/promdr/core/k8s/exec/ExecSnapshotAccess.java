package io.promdr.core.k8s.exec;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.snapshot.SnapshotAccess;
import io.promdr.core.snapshot.SnapshotBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot inside the Prometheus container, read with tar through the exec API, never copied
 * to promdr's disk:
 * <ol>
 *   <li>{@link #blocks}: one {@code tar -C <data>/snapshots/<name> -cf - .} streamed and hashed
 *       (file list, sizes, SHA-256, meta.json);</li>
 *   <li>{@link ExecSnapshotBlock#pack}: for each block the repository does not hold yet, a second
 *       {@code tar} of exactly its files, in archive order, packed into tar.zst as it streams and
 *       checked against the hashes of step 1;</li>
 *   <li>{@link #remove}: {@code rm -rf} of the snapshot directory.</li>
 * </ol>
 * The container needs {@code sh} and {@code tar} (the official image's busybox has both).
 */
public final class ExecSnapshotAccess implements SnapshotAccess {
    private static final Logger log = LoggerFactory.getLogger(ExecSnapshotAccess.class);
    /** Checks the data directory and the tools in one exec; markers tell the cases apart. */
    private static final String CHECK_SCRIPT = "if [ ! -d \"$1/wal\" ]; then echo promdr:no-data-dir; exit 3; fi;"
            + " command -v tar >/dev/null 2>&1 || { echo promdr:no-tar; exit 4; }; echo promdr:ok";
    private static final String REMOVE_SCRIPT = "if [ -d \"$1\" ]; then rm -rf -- \"$1\" && echo promdr:removed; fi";

    private final PodExec exec;
    private final String dataDir;

    /** @param dataDir Prometheus' --storage.tsdb.path inside the container (absolute) */
    public ExecSnapshotAccess(PodExec exec, String dataDir) {
        if (dataDir == null || !dataDir.startsWith("/")) {
            throw new IllegalArgumentException("data directory in the container must be absolute: " + dataDir);
        }
        this.exec = exec;
        this.dataDir = dataDir.length() > 1 ? dataDir.replaceAll("/+$", "") : dataDir;
    }

    String snapshotDir(String snapshotName) {
        return dataDir + "/snapshots/" + snapshotName;
    }

    @Override
    public void checkDataDir() {
        Output output = run(List.of("sh", "-c", CHECK_SCRIPT, "sh", dataDir), "checking the data directory");
        if (output.text().contains("promdr:no-data-dir")) {
            throw new PromdrException(ErrorCode.DATA_DIR_INVALID, "data directory " + dataDir + " in " + exec.describe()
                    + " does not look like a Prometheus data directory (no wal/)",
                    "promdr reads it from the container's --storage.tsdb.path; check the source's container");
        }
        if (output.text().contains("promdr:no-tar")) {
            throw new PromdrException(ErrorCode.KUBERNETES_EXEC_FAILED, "no tar in " + exec.describe(),
                    "use an image with tar (the official prom/prometheus image has it), or access volume-snapshot");
        }
        if (!output.result().ok()) {
            throw ExecFailures.failed(exec, "checking data directory " + dataDir, output.result());
        }
    }

    @Override
    public List<SnapshotBlock> blocks(String snapshotName) throws IOException {
        String dir = snapshotDir(snapshotName);
        String where = exec.describe() + ":" + dir;
        List<TarSnapshotScan.ScannedBlock> scanned = ExecStreams.read(exec, List.of("tar", "-C", dir, "-cf", "-", "."),
                "tar of snapshot " + dir, stdout -> TarSnapshotScan.scan(stdout, where));
        log.info("Read snapshot {} through exec: {} blocks", where, scanned.size());
        List<SnapshotBlock> blocks = new ArrayList<>();
        for (TarSnapshotScan.ScannedBlock block : scanned) {
            blocks.add(new ExecSnapshotBlock(exec, dir, block));
        }
        return blocks;
    }

    @Override
    public boolean remove(String snapshotName) {
        Output output = run(List.of("sh", "-c", REMOVE_SCRIPT, "sh", snapshotDir(snapshotName)),
                "removing snapshot " + snapshotDir(snapshotName));
        if (!output.result().ok()) {
            throw ExecFailures.failed(exec, "rm -rf " + snapshotDir(snapshotName), output.result());
        }
        return output.text().contains("promdr:removed");
    }

    @Override
    public String describe(String snapshotName) {
        return exec.describe() + ":" + snapshotDir(snapshotName);
    }

    private record Output(String text, ExecProcess.Result result) {
    }

    /** Runs a command whose output is a few lines. */
    private Output run(List<String> command, String what) {
        try (ExecProcess process = exec.start(command)) {
            byte[] out;
            try (InputStream stdout = process.stdout()) {
                out = stdout.readNBytes(64 * 1024);
                stdout.transferTo(OutputStream.nullOutputStream());
            }
            return new Output(new String(out, StandardCharsets.UTF_8), process.finish());
        } catch (IOException e) {
            throw new PromdrException(ErrorCode.KUBERNETES_EXEC_FAILED, what + " in " + exec.describe() + " failed: " + e,
                    "check that the pod runs and that promdr may create pods/exec", e);
        }
    }
}
