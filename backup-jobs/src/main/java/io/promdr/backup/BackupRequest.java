package io.promdr.backup;

import io.promdr.core.prometheus.PrometheusSecurity;

import java.net.URI;
import java.nio.file.Path;

/**
 * One backup to run.
 *
 * @param source        name of the source in the repository (manifests live under backups/&lt;source&gt;/)
 * @param prometheusUrl base URL of the Prometheus whose admin API takes the snapshot
 * @param dataDir       Prometheus' --storage.tsdb.path as seen by promdr; the snapshot is read from &lt;dataDir&gt;/snapshots/&lt;name&gt;
 * @param zstdLevel     compression level of new block archives
 * @param prometheusSecurity credentials and TLS trust for the calls to Prometheus (kept in memory only, never in job parameters)
 */
public record BackupRequest(String source, URI prometheusUrl, Path dataDir, int zstdLevel, PrometheusSecurity prometheusSecurity) {

    public BackupRequest {
        prometheusSecurity = prometheusSecurity == null ? PrometheusSecurity.NONE : prometheusSecurity;
    }

    /** A request without credentials, trusting the JDK's CAs. */
    public BackupRequest(String source, URI prometheusUrl, Path dataDir, int zstdLevel) {
        this(source, prometheusUrl, dataDir, zstdLevel, null);
    }
}
