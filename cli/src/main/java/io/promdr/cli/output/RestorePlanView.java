package io.promdr.cli.output;

import io.promdr.core.model.BlockRecord;
import io.promdr.restore.RestorePlan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code promdr restore --dry-run}: what would be restored, skipped or replaced, and why. */
public final class RestorePlanView {
    private final HumanFormat format;

    public RestorePlanView(HumanFormat format) {
        this.format = format;
    }

    public void print(RestorePlan plan, Path target, PrintWriter out) {
        out.println("restore plan: backup " + plan.manifest().backupId() + " (source " + plan.manifest().source().name()
                + ") into " + target);
        TextTable table = new TextTable("ACTION", "BLOCK", "FROM .. TO", "SIZE", "REASON");
        // toReplace blocks are downloaded too; list each block once, under its more specific action.
        Set<String> replaced = plan.toReplace().stream().map(BlockRecord::ulid).collect(Collectors.toSet());
        add(table, plan.toRestore().stream().filter(b -> !replaced.contains(b.ulid())).toList(), "restore", "");
        add(table, plan.toReplace(), "replace", "present in the target, replaced (--force)");
        add(table, plan.alreadyPresent(), "skip", "already present in the target (--merge)");
        add(table, plan.outsideWindow(), "skip", "outside --from/--until");
        table.print(out);
        out.println(plan.toRestore().size() + " blocks to restore: " + HumanFormat.bytes(plan.downloadBytes())
                + " to download, " + HumanFormat.bytes(plan.restoredBytes()) + " to write; "
                + (plan.alreadyPresent().size() + plan.outsideWindow().size()) + " skipped");
    }

    private void add(TextTable table, List<BlockRecord> blocks, String action, String reason) {
        for (BlockRecord b : blocks) {
            table.row(action, b.ulid(), format.range(b.minTime(), b.maxTime()), HumanFormat.bytes(b.filesSize()), reason);
        }
    }
}
