package org.multilevel.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.graphics2d.svg.MeetOrSlice;
import org.jfree.graphics2d.svg.PreserveAspectRatio;
import org.jfree.graphics2d.svg.SVGGraphics2D;
import org.jfree.graphics2d.svg.ViewBox;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.api.fit.RandomEffectModes;

/**
 * The report's diagnostic plots, drawn by JFreeChart into JFreeSVG as inline SVG: caterpillar plots of the
 * conditional modes, residuals against fitted values, and normal Q-Q plots. Data points are filled with
 * {@link #POINT_COLOR} and nothing else is, so a reader (or a test) can count the marks.
 */
public final class Plots {
    /** Fill of every data mark (and of nothing else). */
    public static final Color POINT_COLOR = new Color(0x1f, 0x5f, 0xa8);
    private static final Color INTERVAL_COLOR = new Color(0x9a, 0xb4, 0xd6);
    private static final Color LINE_COLOR = new Color(0xc0, 0x39, 0x2b);
    /** Stroke of every per-cluster fitted line (and of nothing else). */
    public static final Color CLUSTER_COLOR = new Color(0x5b, 0x8d, 0xc9);
    /** Fitted-line plots draw at most this many clusters (evenly spaced over the levels). */
    static final int MAX_CLUSTERS = 60;
    /** Scatter plots show at most this many points (an evenly spaced sample of larger data). */
    public static final int MAX_POINTS = 2500;
    private static final double Z975 = 1.959963984540054;
    static final int WIDTH = 640;

    /**
     * One plot: title, a caption saying what is shown, the chart and its size, and how many data marks it has.
     * Drawn on demand as an SVG element or a PNG image; used by one thread.
     */
    public record Plot(String title, String caption, JFreeChart chart, int width, int height, String id, int marks) {
        /** The SVG element; {@code id} keeps the ids of its definitions unique within a page. */
        public String svg() {
            return Plots.svg(chart, width, height, id);
        }

        /** A PNG image of the plot at twice its nominal size (for print). */
        public byte[] png() {
            java.awt.image.BufferedImage image = chart.createBufferedImage(2 * width, 2 * height, width, height, null);
            try {
                return org.jfree.chart.ChartUtils.encodeAsPNG(image);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("the plot could not be encoded as PNG", e);
            }
        }
    }

    private Plots() {
    }

    /** Every plot of a fitted model, in report order; {@code predictor} picks the fitted-lines plot's x (or null). */
    public static List<Plot> all(FittedModel model, String predictor) {
        List<Plot> plots = new ArrayList<>();
        FitResult fit = model.result();
        int index = 0;
        for (Map.Entry<String, RandomEffectModes> e : fit.ranef().entrySet()) {
            for (int k = 0; k < e.getValue().terms().size(); k++) {
                plots.add(caterpillar(e.getKey(), e.getValue(), k, "p" + index++));
            }
        }
        if (model.design() != null) {
            int column = FittedLines.predictorColumn(model.design(), predictor);
            if (column >= 0) plots.add(FittedLines.plot(model, column, "p" + index++));
            plots.add(residualsVsFitted(model, "p" + index++));
            plots.add(normalQQ(Residuals.scaled(model), "Normal Q-Q plot of the level-1 residuals",
                    "scaled residuals", "p" + index++));
        }
        for (Map.Entry<String, RandomEffectModes> e : fit.ranef().entrySet()) {
            for (int k = 0; k < e.getValue().terms().size(); k++) {
                double[] values = new double[e.getValue().levels().size()];
                for (int i = 0; i < values.length; i++) values[i] = e.getValue().levels().get(i).values()[k];
                plots.add(normalQQ(values, "Normal Q-Q plot of the random effect " + e.getValue().terms().get(k)
                        + " | " + e.getKey(), "conditional modes", "p" + index++));
            }
        }
        return plots;
    }

    /** Each level's conditional mode with mode +/- 1.96 condSD, sorted by the mode. */
    public static Plot caterpillar(String group, RandomEffectModes modes, int term, String id) {
        List<LevelModes> levels = new ArrayList<>(modes.levels());
        levels.sort(Comparator.comparingDouble(l -> l.values()[term]));
        XYIntervalSeries series = new XYIntervalSeries("modes");
        String[] names = new String[levels.size()];
        for (int i = 0; i < levels.size(); i++) {
            LevelModes l = levels.get(i);
            double v = l.values()[term];
            double half = l.condSD() == null ? 0 : Z975 * l.condSD()[term];
            series.add(v, v - half, v + half, i, i, i);
            names[i] = l.level();
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(series);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(true);
        renderer.setDrawYError(false);
        renderer.setErrorPaint(INTERVAL_COLOR);
        renderer.setCapLength(0);
        renderer.setDefaultLinesVisible(false);
        pointStyle(renderer, 0, 5);
        String termName = modes.terms().get(term);
        NumberAxis x = new NumberAxis(termName + " (conditional mode, 95% interval)");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = levels.size() <= 40 ? new SymbolAxis(group, names) : new NumberAxis(group + " (levels by rank)");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.addDomainMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        int height = Math.max(260, Math.min(1400, 60 + 12 * levels.size()));
        String title = "Caterpillar plot: " + termName + " | " + group;
        return new Plot(title, levels.size() + " levels of " + group + ", sorted by their conditional mode; bars are "
                + "mode +/- 1.96 conditional SD.", chart(title, plot), WIDTH, height, id, levels.size());
    }

    /** Scaled (Pearson) residuals against fitted values on the response scale. */
    public static Plot residualsVsFitted(FittedModel model, String id) {
        double[] fitted = Residuals.fittedResponse(model);
        double[] residuals = Residuals.scaled(model);
        int[] rows = sample(fitted.length);
        XYSeries points = new XYSeries("residuals", false, true);
        for (int i : rows) points.add(fitted[i], residuals[i]);
        XYPlot plot = scatter(points, null, "fitted values", "scaled residuals");
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        String title = "Residuals against fitted values";
        return new Plot(title, caption(rows.length, fitted.length, "rows"), chart(title, plot), WIDTH, 420, id,
                rows.length);
    }

    /** Sorted values against standard normal quantiles (R's ppoints), with the line through the quartiles. */
    public static Plot normalQQ(double[] values, String title, String what, String id) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int[] shown = sample(n);
        double a = n <= 10 ? 3.0 / 8 : 0.5;
        XYSeries points = new XYSeries("sample", false, true);
        for (int i : shown) points.add(Residuals.STANDARD_NORMAL.inverseCumulativeProbability((i + 1 - a) / (n + 1 - 2 * a)), sorted[i]);
        XYSeries line = new XYSeries("line", false, true);
        if (n >= 2) {
            double[] q = Residuals.quantiles(sorted, 0.25, 0.75);
            double z1 = Residuals.STANDARD_NORMAL.inverseCumulativeProbability(0.25);
            double slope = (q[1] - q[0]) / (-2 * z1);
            double intercept = q[0] - slope * z1;
            double zMin = points.getMinX(), zMax = points.getMaxX();
            line.add(zMin, intercept + slope * zMin);
            line.add(zMax, intercept + slope * zMax);
        }
        XYPlot plot = scatter(points, line, "theoretical normal quantiles", what);
        return new Plot(title, caption(shown.length, n, "values") + " The line passes through the quartiles.",
                chart(title, plot), WIDTH, 420, id, shown.length);
    }

    private static String caption(int shown, int total, String what) {
        return shown == total ? "All " + total + " " + what + "."
                : "An evenly spaced sample of " + shown + " of the " + total + " " + what + ".";
    }

    /** Indexes of at most {@link #MAX_POINTS} evenly spaced rows (all rows when there are fewer). */
    static int[] sample(int n) {
        return sample(n, MAX_POINTS);
    }

    /** Indexes of at most {@code max} evenly spaced rows. */
    static int[] sample(int n, int max) {
        int m = Math.min(n, max);
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) rows[i] = m == n ? i : (int) ((long) i * (n - 1) / (m - 1));
        return rows;
    }

    static XYPlot scatter(XYSeries points, XYSeries line, String xLabel, String yLabel) {
        XYSeriesCollection data = new XYSeriesCollection(points);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        pointStyle(renderer, 0, points.getItemCount() > 1000 ? 3 : 5);
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        if (line != null && line.getItemCount() > 0) {
            XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
            lines.setSeriesPaint(0, LINE_COLOR);
            lines.setSeriesStroke(0, new BasicStroke(1.5f));
            plot.setDataset(1, new XYSeriesCollection(line));
            plot.setRenderer(1, lines);
        }
        return plot;
    }

    static void pointStyle(XYLineAndShapeRenderer renderer, int series, double size) {
        renderer.setSeriesShape(series, new Ellipse2D.Double(-size / 2, -size / 2, size, size));
        renderer.setSeriesPaint(series, POINT_COLOR);
        renderer.setSeriesShapesFilled(series, true);
        renderer.setUseOutlinePaint(false);
        renderer.setDrawOutlines(false);
    }

    static JFreeChart chart(String title, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }

    /** The chart as an SVG element; {@code id} keeps the ids of its definitions unique within the page. */
    static String svg(JFreeChart chart, int width, int height, String id) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(id + "-");
        g2.setGeometryDP(1);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        String svg = g2.getSVGElement(id, true, new ViewBox(0, 0, width, height), PreserveAspectRatio.XMID_YMID,
                MeetOrSlice.MEET);
        // inline in an HTML page the svg element needs no namespace declarations; leaving them out keeps the
        // report free of any address (JFreeSVG declares xlink and its own prefix, neither of which is used)
        return svg.replaceFirst("^<svg([^>]*?)\\s+xmlns='[^']*'", "<svg$1")
                .replaceFirst("^<svg([^>]*?)\\s+xmlns:xlink='[^']*'", "<svg$1")
                .replaceFirst("^<svg([^>]*?)\\s+xmlns:jfreesvg='[^']*'", "<svg$1");
    }
}
