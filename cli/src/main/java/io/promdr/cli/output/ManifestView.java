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
        if (!m.composedBlocks().isEmpty()) {
            details.row("composed", m.composedBlocks().size() + " of " + m.blocks().size()
                    + " blocks stored as references to blocks already stored, about "
                    + HumanFormat.bytes(m.composedSavedSize()) + " not uploaded again");
        }
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
                    b.isComposed() ? "= " + b.composedOf().size() + " blocks" : HumanFormat.bytes(b.object().size()),
                    b.storedBlocks().stream().mapToInt(s -> s.files().size()).sum()
                            + " (" + HumanFormat.bytes(b.filesSize()) + ")");
        }
        blocks.print(out);
        for (BlockRecord b : m.composedBlocks()) {
            out.println();
            out.println("block " + b.ulid() + " is composed of blocks stored earlier (a restore writes them in its place):");
            TextTable parts = new TextTable("PART", "FROM .. TO", "LEVEL", "SAMPLES", "STORED", "OBJECT");
            for (BlockRecord p : b.composedOf()) {
                parts.row(p.ulid(), format.range(p.minTime(), p.maxTime()), String.valueOf(p.compactionLevel()),
                        p.stats() == null ? "-" : HumanFormat.count(p.stats().numSamples()),
                        HumanFormat.bytes(p.object().size()), p.object().key());
            }
            parts.print(out);
        }
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
