package org.multilevel.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.Link;
import org.multilevel.api.model.RandomTerm;

/**
 * Per-cluster fitted lines ("spaghetti") over the data for one level-1 predictor: each cluster's fitted
 * values (with its conditional modes) joined in the order of the predictor, and in bold the fixed-effects
 * line with the other predictors at their means. On the response scale, so for a GLMM it is the predicted
 * probability (or rate).
 */
final class FittedLines {
    private FittedLines() {
    }

    /**
     * The design column to plot against: the named one, else the first main-effect column that varies
     * within clusters of the first grouping factor; -1 when there is none.
     */
    static int predictorColumn(DesignMatrices design, String name) {
        FixedDesign x = design.fixed();
        if (x == null || design.random().isEmpty()) return -1;
        if (name != null) return x.columnNames().indexOf(name);
        RandomTerm term = design.random().get(0);
        for (int j = 0; j < x.columns(); j++) {
            String column = x.columnNames().get(j);
            if (column.equals("(Intercept)") || column.contains(":")) continue;
            if (variesWithinClusters(x, j, term)) return j;
        }
        return -1;
    }

    /** True for a predictor that changes within some cluster and takes more than two values (not a dummy). */
    private static boolean variesWithinClusters(FixedDesign x, int column, RandomTerm term) {
        double[] first = new double[term.levelCount()];
        boolean[] seen = new boolean[term.levelCount()];
        boolean within = false;
        java.util.Set<Double> values = new java.util.HashSet<>();
        for (int i = 0; i < term.levelOfRow().length; i++) {
            int g = term.levelOfRow()[i];
            double v = x.get(i, column);
            if (values.size() < 3) values.add(v);
            if (!seen[g]) {
                seen[g] = true;
                first[g] = v;
            } else if (first[g] != v) {
                within = true;
            }
            if (within && values.size() >= 3) return true;
        }
        return false;
    }

    static Plots.Plot plot(FittedModel model, int column, String id) {
        DesignMatrices design = model.design();
        FixedDesign x = design.fixed();
        RandomTerm term = design.random().get(0);
        Link link = Residuals.link(model.result());
        double[] eta = model.conditionalPrediction();
        int n = design.rows();
        String predictor = x.columnNames().get(column);

        // rows of each drawn cluster, in the order of the predictor
        int levels = term.levelCount();
        int drawn = Math.min(levels, Plots.MAX_CLUSTERS);
        int[] clusterSlot = new int[levels];
        java.util.Arrays.fill(clusterSlot, -1);
        for (int k = 0; k < drawn; k++) {
            int level = drawn == levels ? k : (int) ((long) k * (levels - 1) / (drawn - 1));
            clusterSlot[level] = k;
        }
        List<XYSeries> lines = new ArrayList<>();
        for (int k = 0; k < drawn; k++) lines.add(new XYSeries("cluster " + k, true, true));
        XYSeries data = new XYSeries("data", false, true);
        int[] sample = Plots.sample(n, 1000); // background only: a light sample keeps the page small
        for (int i : sample) data.add(x.get(i, column), design.y()[i]);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double xi = x.get(i, column);
            min = Math.min(min, xi);
            max = Math.max(max, xi);
            int slot = clusterSlot[term.levelOfRow()[i]];
            if (slot >= 0) lines.get(slot).addOrUpdate(xi, Residuals.inverseLink(link, eta[i]));
        }
        XYSeriesCollection clusters = new XYSeriesCollection();
        int clusterLines = 0;
        for (XYSeries s : lines) {
            if (s.getItemCount() >= 2) {
                clusters.addSeries(s);
                clusterLines++;
            }
        }

        // fixed-effects line: other columns at their means
        double[] beta = model.beta();
        double base = 0;
        for (int j = 0; j < x.columns(); j++) {
            if (j == column) continue;
            double mean = 0;
            for (int i = 0; i < n; i++) mean += x.get(i, j);
            base += beta[j] * mean / n;
        }
        XYSeries fixed = new XYSeries("fixed effects", true, true);
        for (int k = 0; k <= 50; k++) {
            double xv = min + (max - min) * k / 50.0;
            fixed.add(xv, Residuals.inverseLink(link, base + beta[column] * xv));
        }

        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        points.setSeriesShape(0, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
        points.setSeriesPaint(0, new Color(0xb0, 0xb0, 0xb0));
        XYLineAndShapeRenderer clusterRenderer = new XYLineAndShapeRenderer(true, false);
        clusterRenderer.setDrawSeriesLineAsPath(true);
        clusterRenderer.setAutoPopulateSeriesPaint(false);
        clusterRenderer.setAutoPopulateSeriesStroke(false);
        clusterRenderer.setDefaultPaint(Plots.CLUSTER_COLOR);
        clusterRenderer.setDefaultStroke(new BasicStroke(1f));
        XYLineAndShapeRenderer fixedRenderer = new XYLineAndShapeRenderer(true, false);
        fixedRenderer.setSeriesPaint(0, Color.BLACK);
        fixedRenderer.setSeriesStroke(0, new BasicStroke(3f));
        fixedRenderer.setDrawSeriesLineAsPath(true);

        boolean response = link == Link.IDENTITY;
        NumberAxis xAxis = new NumberAxis(predictor);
        xAxis.setAutoRangeIncludesZero(false);
        String formula = model.result().formula();
        String lhs = formula != null && formula.contains("~") ? formula.substring(0, formula.indexOf('~')).trim() : "";
        String yName = response ? (lhs.isEmpty() ? "response" : lhs)
                : link == Link.LOG ? "predicted rate" : "predicted probability";
        NumberAxis yAxis = new NumberAxis(yName);
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(fixed), xAxis, yAxis, fixedRenderer);
        plot.setDataset(1, clusters);
        plot.setRenderer(1, clusterRenderer);
        if (response) {
            plot.setDataset(2, new XYSeriesCollection(data));
            plot.setRenderer(2, points);
        }
        String title = "Fitted lines per " + term.group() + " against " + predictor;
        String caption = clusterLines + " of the " + levels + " levels of " + term.group() + " (fitted values with"
                + " their conditional modes, joined in the order of " + predictor + "); bold: the fixed effects with"
                + " the other predictors at their means" + (!response ? "."
                : sample.length < n ? "; grey: an evenly spaced sample of " + sample.length + " of the " + n + " rows."
                : "; grey: the data.");
        return new Plots.Plot(title, caption, Plots.chart(title, plot), Plots.WIDTH, 440, id, clusterLines);
    }
}
