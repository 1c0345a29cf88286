package io.promdr.cli.output;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.SourceInfo;

import java.io.PrintWriter;
import java.time.Duration;

/** {@code promdr show}: the backup's details, then one row per block. */
public final class ManifestView {
    private final HumanFormat format;

    public ManifestView(HumanFormat format) {
        this.format = format;
    }

    public void print(Manifest m, PrintWriter out) {
        SourceInfo source = m.source();
        TextTable details = new TextTable("backup", m.backupId());
        details.row("source", source.name());
        details.row("prometheus", orDash(source.prometheusUrl())
                + (source.prometheusVersion() == null ? "" : " (version " + source.prometheusVersion() + ")"));
        details.row("host", orDash(source.hostname()));
        details.row("started", format.time(m.startedAt()) + " " + format.zone().getId() + " (" + m.startedAt() + ")");
        details.row("completed", format.time(m.completedAt())
                + (m.startedAt() == null || m.completedAt() == null ? ""
                : ", took " + HumanFormat.duration(Duration.between(m.startedAt(), m.completedAt()))));
        details.row("snapshot", orDash(m.snapshotName()));
        details.row("samples", HumanFormat.count(m.totalSamples()) + ", " + format.range(m.minTime(), m.maxTime()));
        details.row("size", HumanFormat.bytes(m.totalStoredSize()) + " stored, "
                + HumanFormat.bytes(m.totalFilesSize()) + " restored");
        details.row("written by", "promdr " + orDash(m.toolVersion()) + ", manifest format " + m.formatVersion());
        details.print(out);
        out.println();
        if (m.blocks().isEmpty()) {
            out.println("no blocks");
            return;
        }
        TextTable blocks = new TextTable("BLOCK", "FROM .. TO", "LEVEL", "SERIES", "SAMPLES", "STORED", "FILES");
        for (BlockRecord b : m.blocks()) {
            blocks.row(b.ulid(), format.range(b.minTime(), b.maxTime()), String.valueOf(b.compactionLevel()),
                    b.stats() == null ? "-" : HumanFormat.count(b.stats().numSeries()),
                    b.stats() == null ? "-" : HumanFormat.count(b.stats().numSamples()),
                    HumanFormat.bytes(b.object().size()),
                    b.files().size() + " (" + HumanFormat.bytes(b.filesSize()) + ")");
        }
        blocks.print(out);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
