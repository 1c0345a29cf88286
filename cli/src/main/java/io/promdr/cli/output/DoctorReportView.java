package io.promdr.cli.output;

import io.promdr.cli.doctor.CheckResult;
import io.promdr.cli.doctor.CheckStatus;
import io.promdr.cli.doctor.DoctorReport;

import java.io.PrintWriter;

/** {@code promdr doctor}: one line per check, its hint under it when it did not pass, then the verdict. */
public final class DoctorReportView {
    private final HumanFormat format;

    public DoctorReportView(HumanFormat format) {
        this.format = format;
    }

    public void print(DoctorReport report, PrintWriter out) {
        out.println("promdr doctor, " + format.time(report.checkedAt()));
        TextTable table = new TextTable("STATUS", "CHECK", "SOURCE", "DETAIL");
        for (CheckResult c : report.checks()) {
            table.row(label(c.status()), c.name(), c.source() == null ? "-" : c.source(), c.detail());
        }
        table.print(out);
        boolean hints = false;
        for (CheckResult c : report.checks()) {
            if (c.hint() != null && (c.status() == CheckStatus.failed || c.status() == CheckStatus.warning)) {
                if (!hints) {
                    out.println();
                    hints = true;
                }
                out.println(label(c.status()) + " " + c.name() + (c.source() == null ? "" : " (" + c.source() + ")")
                        + ": hint: " + c.hint());
            }
        }
        out.println();
        out.println((report.passed() ? "ready to back up: " : "NOT ready to back up: ") + report.ok() + " ok, "
                + report.warnings() + " warning(s), " + report.failed() + " failed, " + report.skipped() + " skipped");
    }

    private static String label(CheckStatus status) {
        return status == CheckStatus.failed ? "FAILED" : status.name();
    }
}
