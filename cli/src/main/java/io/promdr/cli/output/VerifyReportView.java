package io.promdr.cli.output;

import io.promdr.restore.verify.BackupVerification;
import io.promdr.restore.verify.VerifyProblem;
import io.promdr.restore.verify.VerifyReport;

import java.io.PrintWriter;

/** {@code promdr verify}: one row per backup, the problems, and what was checked. */
public final class VerifyReportView {

    public void print(VerifyReport report, PrintWriter out) {
        TextTable backups = new TextTable("BACKUP", "SOURCE", "BLOCKS", "READ", "RESULT");
        for (BackupVerification b : report.backups()) {
            backups.row(b.backupId(), b.source(), String.valueOf(b.blocks()), String.valueOf(b.blocksRead()),
                    b.ok() ? "ok" : b.problems() + " problem(s)");
        }
        backups.print(out);
        if (!report.problems().isEmpty()) {
            out.println();
            TextTable problems = new TextTable("PROBLEM", "BLOCK", "BACKUPS", "DETAIL");
            for (VerifyProblem p : report.problems()) {
                problems.row(p.problem(), p.block() == null ? "-" : p.block(),
                        p.backupIds().isEmpty() ? "-" : String.join(",", p.backupIds()), p.detail());
            }
            problems.print(out);
        }
        String what = report.readData() == null ? "exist with their recorded sizes"
                : "exist; " + report.objectsRead() + " read and checked byte for byte ("
                + HumanFormat.bytes(report.bytesRead()) + ", subset " + report.readData() + ")";
        out.println("verified " + report.backups().size() + " backups: " + report.objects() + " objects " + what + "; "
                + (report.passed() ? "no problems" : report.problems().size() + " problem(s)"));
    }
}
