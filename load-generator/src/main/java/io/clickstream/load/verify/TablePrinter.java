package io.clickstream.load.verify;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a verify report as a plain-text table plus a summary. */
public final class TablePrinter {

    private TablePrinter() {
    }

    /** @param all print every row; otherwise only rows that are not OK */
    public static void print(Verifier.Report report, boolean all, PrintWriter out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"granularity", "window_start", "metric", "expected", "actual", "status"});
        for (Row r : report.rows()) {
            if (all || r.status() != Row.Status.OK) {
                lines.add(new String[] {r.granularity(), r.windowStart().toString(), r.metric(), r.expected(), r.actual(),
                        r.status().name()});
            }
        }
        if (lines.size() > 1) {
            int[] width = new int[6];
            for (String[] l : lines) {
                for (int i = 0; i < 6; i++) {
                    width[i] = Math.max(width[i], l[i].length());
                }
            }
            for (int n = 0; n < lines.size(); n++) {
                String[] l = lines.get(n);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    boolean right = i == 3 || i == 4;
                    String cell = right ? " ".repeat(width[i] - l[i].length()) + l[i] : l[i] + " ".repeat(width[i] - l[i].length());
                    sb.append(i == 0 ? "" : "  ").append(cell);
                }
                out.println(sb.toString().stripTrailing());
                if (n == 0) {
                    out.println("-".repeat(sb.toString().stripTrailing().length()));
                }
            }
            out.println();
        }
        out.printf(Locale.ROOT, "KPI windows: %d, rows: %d — ok %d, uncertain %d, mismatch %d, missing %d%n",
                report.windows(), report.rows().size(), report.count(Row.Status.OK), report.count(Row.Status.UNCERTAIN),
                report.count(Row.Status.MISMATCH), report.count(Row.Status.MISSING));
        AlertCheck a = report.alerts();
        if (a != null) {
            out.printf(Locale.ROOT, "alerts (click_burst, page_view_flood): recall %.2f (%d of %d bots alerted), "
                    + "precision %.2f (%d user-level alerts)%n", a.recall(), a.found(), a.expected(), a.precision(), a.alerted());
            a.missed().forEach(m -> out.println("  missed alert: " + m));
            a.unexpected().forEach(u -> out.println("  unexpected alert: " + u));
        }
        report.notes().forEach(n -> out.println("note: " + n));
        out.println(report.passed() ? "PASS" : "FAIL");
        out.flush();
    }
}
