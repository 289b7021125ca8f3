package io.clickstream.load.verify;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a verify report as a plain-text table (document, field, expected, actual, status) plus a summary. */
public final class TablePrinter {

    /** Foreign documents and alerts are listed up to this many each; the rest are counted. */
    private static final int LISTED = 5;

    private TablePrinter() {
    }

    /** @param all print every row; otherwise only rows that are not OK */
    public static void print(Verifier.Report report, boolean all, PrintWriter out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"document", "window_start", "field", "expected", "actual", "status"});
        for (Row r : report.rows()) {
            if (all || r.status() != Row.Status.OK) {
                lines.add(new String[] {r.document(), r.windowStart().toString(), r.metric(), r.expected(), r.actual(),
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
        out.printf(Locale.ROOT, "KPI windows: %d, fields: %d — ok %d, uncertain %d, shared %d, mismatch %d, missing %d, extra %d%n",
                report.windows(), report.rows().size(), report.count(Row.Status.OK), report.count(Row.Status.UNCERTAIN),
                report.count(Row.Status.SHARED), report.count(Row.Status.MISMATCH), report.count(Row.Status.MISSING),
                report.count(Row.Status.EXTRA));
        out.printf(Locale.ROOT, "uncertain windows: %d (at most %d allowed), holding up to %,d unacknowledged events%n",
                report.uncertainWindows(), report.uncertainBound(), report.uncertainEvents());
        AlertCheck a = report.alerts();
        if (a != null) {
            out.printf(Locale.ROOT, "alerts (every rule): recall %.2f (%d of %d expected alerts), precision %.2f (%d alerts of "
                    + "this run), %d duplicated%n", a.recall(), a.found(), a.expected(), a.precision(), a.judged(),
                    a.duplicates().size());
            a.missed().forEach(m -> out.println("  missed alert: " + m));
            a.unexpected().forEach(u -> out.println("  unexpected alert: " + u));
            a.duplicates().forEach(d -> out.println("  duplicate alert: " + d));
            list(out, "skipped alert (not this run's)", a.foreign());
        }
        list(out, "skipped document (other traffic next to this run)", report.foreign());
        report.notes().forEach(n -> out.println("note: " + n));
        report.problems().forEach(p -> out.println("problem: " + p));
        if (report.passed()) {
            out.println("PASS");
        } else if (report.replayed()) {
            out.println("FAIL: this run's events were already in Kafka before it ran (a replay: same seed, "
                    + "run id and --start); the differences above are not the job's error");
        } else {
            out.println("FAIL");
        }
        out.flush();
    }

    private static void list(PrintWriter out, String label, List<String> items) {
        items.stream().limit(LISTED).forEach(i -> out.println("  " + label + ": " + i));
        if (items.size() > LISTED) {
            out.println("  … and " + (items.size() - LISTED) + " more " + label + "s");
        }
    }
}
