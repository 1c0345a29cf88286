package io.promdr.cli.output;

import io.promdr.core.model.Manifest;

import java.io.PrintWriter;
import java.util.List;

/** {@code promdr list}: one row per backup, oldest first, times in the local zone. */
public final class BackupListView {
    private final HumanFormat format;

    public BackupListView(HumanFormat format) {
        this.format = format;
    }

    public void print(List<Manifest> manifests, PrintWriter out) {
        if (manifests.isEmpty()) {
            out.println("no backups");
            return;
        }
        TextTable table = new TextTable("ID", "SOURCE", "STARTED (" + format.zone().getId() + ")", "BLOCKS",
                "SAMPLES FROM .. TO", "SIZE");
        for (Manifest m : manifests) {
            table.row(m.backupId(), m.source().name(), format.time(m.startedAt()), String.valueOf(m.blocks().size()),
                    format.range(m.minTime(), m.maxTime()), HumanFormat.bytes(m.totalStoredSize()));
        }
        table.print(out);
        List<Manifest> composing = manifests.stream().filter(m -> !m.composedBlocks().isEmpty()).toList();
        if (!composing.isEmpty()) {
            // A separate line keeps the table's columns stable for scripts that read them.
            out.println(composing.size() + " backup(s) record "
                    + composing.stream().mapToInt(m -> m.composedBlocks().size()).sum()
                    + " compacted block(s) as references to blocks already stored, about "
                    + HumanFormat.bytes(composing.stream().mapToLong(Manifest::composedSavedSize).sum())
                    + " not uploaded again (see `promdr show`)");
        }
    }
}
