package io.clickstream.load.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Minimal inline-SVG charts (line and horizontal bar) so the report renders offline, with no
 * script and no CDN. Axes get "nice" ticks; x tick labels can be formatted by the caller (the
 * percentile chart labels a log scale as 90 %, 99 % …).
 */
final class SvgChart {

    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};
    private static final int W = 860;
    private static final int H = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 40;
    private static final int TOP = 30;
    private static final int BOTTOM = 45;

    record Series(String name, double[] x, double[] y) {
    }

    private SvgChart() {
    }

    static String line(String title, String xLabel, String yLabel, List<Series> series,
                       DoubleFunction<String> xTickLabel, double[] xTicksOverride) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    minX = Math.min(minX, s.x()[i]);
                    maxX = Math.max(maxX, s.x()[i]);
                    maxY = Math.max(maxY, s.y()[i]);
                }
            }
        }
        StringBuilder sb = header(title);
        if (minX == Double.MAX_VALUE) {
            return sb.append(text(W / 2.0, H / 2.0, "no data", "middle")).append("</svg>").toString();
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        double[] yTicks = niceTicks(0, maxY == 0 ? 1 : maxY);
        double yTop = yTicks[yTicks.length - 1];
        double[] xTicks = xTicksOverride != null ? xTicksOverride : niceTicks(minX, maxX);
        double x0 = minX;
        double x1 = Math.max(maxX, xTicks[xTicks.length - 1]);
        double fx0 = x0;
        double fx1 = x1;
        DoubleFunction<Double> px = v -> LEFT + (v - fx0) / (fx1 - fx0) * (W - LEFT - RIGHT);
        DoubleFunction<Double> py = v -> H - BOTTOM - v / yTop * (H - TOP - BOTTOM);
        axes(sb, xLabel, yLabel);
        for (double t : yTicks) {
            double y = py.apply(t);
            sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>", LEFT, y, W - RIGHT, y));
            sb.append(text(LEFT - 6, y + 4, fmt(t), "end"));
        }
        for (double t : xTicks) {
            if (t < x0 - 1e-9 || t > x1 + 1e-9) {
                continue;
            }
            double x = px.apply(t);
            sb.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#eee'/>", x, TOP, x, H - BOTTOM));
            sb.append(text(x, H - BOTTOM + 16, xTickLabel == null ? fmt(t) : xTickLabel.apply(t), "middle"));
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.apply(s.x()[i]), py.apply(s.y()[i])));
                }
            }
            String color = COLORS[k % COLORS.length];
            sb.append("<polyline class='series' fill='none' stroke-width='2' stroke='").append(color)
                    .append("' points='").append(points.toString().trim()).append("'/>");
            sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='12' height='4' fill='%s'/>", LEFT + 10 + k * 160, 12, color));
            sb.append(text(LEFT + 26 + k * 160, 18, esc(s.name()), "start"));
        }
        return sb.append("</svg>").toString();
    }

    static String bars(String title, List<String> labels, List<Long> values) {
        int rowH = 26;
        int height = Math.max(80, TOP + 20 + rowH * labels.size());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "<svg class='chart' xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d'>", W, height, W, height));
        sb.append(text(W / 2.0, 18, esc(title), "middle").replace("<text", "<text font-weight='bold'"));
        if (labels.isEmpty()) {
            return sb.append(text(W / 2.0, 55, "no errors", "middle")).append("</svg>").toString();
        }
        long max = values.stream().mapToLong(Long::longValue).max().orElse(1);
        int labelW = 330;
        for (int i = 0; i < labels.size(); i++) {
            double y = TOP + 10 + i * rowH;
            double w = (double) values.get(i) / Math.max(max, 1) * (W - labelW - 90);
            sb.append(text(labelW - 8, y + 15, esc(abbreviate(labels.get(i))), "end"));
            sb.append(String.format(Locale.ROOT, "<rect class='bar' x='%d' y='%.1f' width='%.1f' height='%d' fill='%s'/>",
                    labelW, y, Math.max(w, 1), rowH - 6, COLORS[1]));
            sb.append(text(labelW + w + 6, y + 15, String.format(Locale.ROOT, "%,d", values.get(i)), "start"));
        }
        return sb.append("</svg>").toString();
    }

    private static StringBuilder header(String title) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "<svg class='chart' xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d'>", W, H, W, H));
        sb.append(text(W - RIGHT, 18, esc(title), "end").replace("<text", "<text font-weight='bold'"));
        return sb;
    }

    private static void axes(StringBuilder sb, String xLabel, String yLabel) {
        sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM));
        sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", LEFT, TOP, LEFT, H - BOTTOM));
        sb.append(text((LEFT + W - RIGHT) / 2.0, H - 8, esc(xLabel), "middle"));
        sb.append(String.format(Locale.ROOT, "<text x='16' y='%.1f' font-size='12' text-anchor='middle' transform='rotate(-90 16 %.1f)'>%s</text>",
                (TOP + H - BOTTOM) / 2.0, (TOP + H - BOTTOM) / 2.0, esc(yLabel)));
    }

    /** 4–8 evenly spaced round ticks covering [lo, hi]. */
    static double[] niceTicks(double lo, double hi) {
        double range = hi - lo;
        double step = Math.pow(10, Math.floor(Math.log10(range / 5)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (range / (step * m) <= 6) {
                step *= m;
                break;
            }
        }
        double start = Math.floor(lo / step) * step;
        int n = (int) Math.ceil((hi - start) / step - 1e-9) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = start + i * step;
        }
        return out;
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' font-size='12' text-anchor='%s'>%s</text>", x, y, anchor, s);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }

    private static String abbreviate(String s) {
        return s.length() <= 48 ? s : s.substring(0, 45) + "...";
    }
}
