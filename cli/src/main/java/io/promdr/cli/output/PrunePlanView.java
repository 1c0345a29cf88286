package io.promdr.cli.output;

import io.promdr.backup.prune.PruneResult;
import io.promdr.backup.prune.SourcePlan;
import io.promdr.core.retention.RetentionDecision;

import java.io.PrintWriter;

/**
 * {@code promdr prune}: per source, the policy and one row per backup, newest first, with the
 * decision and every reason; then what was (or, with --dry-run, would be) deleted. Times are in
 * the retention time zone, the one the calendar rules use.
 */
public final class PrunePlanView {

    public void print(PruneResult result, PrintWriter out) {
        if (result.plans().isEmpty()) {
            out.println("no backups");
        }
        for (SourcePlan sourcePlan : result.plans()) {
            HumanFormat format = new HumanFormat(sourcePlan.plan().zone());
            out.println("source " + sourcePlan.source() + ": policy " + sourcePlan.plan().policy()
                    + ", time zone " + sourcePlan.plan().zone().getId());
            TextTable table = new TextTable("BACKUP", "STARTED (" + sourcePlan.plan().zone().getId() + ")", "ACTION", "REASONS");
            for (RetentionDecision d : sourcePlan.plan().decisions()) {
                table.row(d.id(), format.time(d.item().time()), d.keep() ? "keep" : "remove", String.join(", ", d.reasons()));
            }
            table.print(out);
            out.println();
        }
        String verb = result.dryRun() ? "would remove " : "removed ";
        out.println(verb + result.backupsRemoved() + " of " + (result.backupsKept() + result.backupsRemoved())
                + " backups, keeping " + result.backupsKept());
        if (result.dryRun()) {
            out.println("dry run: nothing was deleted; block objects only these backups use are swept by the real prune");
        } else if (result.sweepSkipped() != null) {
            out.println("sweep skipped: " + result.sweepSkipped());
        } else {
            out.println("swept " + result.objectsDeleted() + " unreferenced block objects ("
                    + HumanFormat.bytes(result.bytesDeleted()) + "); took " + HumanFormat.duration(result.duration()));
        }
    }
}
